package dev.pim.statemachine;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.pim.migration.apply.Workflow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code template.yaml} declares what the generated state machine calls: a function per {@code ${XFunctionArn}}, its
 * substitution and the state machine's permission to invoke it; a new step without them fails here naming the
 * resource (with {@code -Dpim.regenerate=true} the template is written first). And every function of the template
 * names a handler the Lambda runtime and the local pipeline can construct.
 */
class TemplateFunctionsTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Pattern HANDLER = Pattern.compile("^      Handler: (\\S+)::handleRequest$", Pattern.MULTILINE);

    @Test
    void templateDeclaresEveryFunctionTheStateMachineCalls() throws IOException {
        String definition = new StateMachineGenerator(Workflow.MIGRATION).text();
        String committed = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        String generated = TemplateGenerator.regenerate(committed, definition);
        if (StateMachineDefinitionTest.REGENERATE) {
            Files.writeString(TEMPLATE, generated, StandardCharsets.UTF_8);
            committed = generated;
        }

        List<String> differences = TemplateGenerator.differences(committed, generated);
        assertEquals(List.of(), differences, "template.yaml is not what the workflow's state machine needs; regenerate it "
                + "(see statemachine/README.md)");
        assertEquals(generated, committed);
    }

    @Test
    void namesANewStepsFunctionItsSubstitutionAndItsPolicy() throws IOException {
        String committed = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        String definition = new StateMachineGenerator(Workflow.MIGRATION).text()
                .replace("${VerifyFunctionArn}\"", "${VerifyFunctionArn}\", \"Next\": \"${UnheardOfFunctionArn}\"");

        List<String> differences = TemplateGenerator.differences(committed, TemplateGenerator.regenerate(committed, definition));

        assertEquals(List.of("DefinitionSubstitutions entry missing: UnheardOfFunctionArn: !Ref UnheardOfFunction.Alias",
                "LambdaInvokePolicy missing: - LambdaInvokePolicy: {FunctionName: !Ref UnheardOfFunction}",
                "resource UnheardOfFunction: a state calls it, template.yaml does not declare it"), differences);
    }

    @Test
    void keepsAFunctionsHandTunedBlockAndDropsOneNoStateCalls() throws IOException {
        String committed = Files.readString(TEMPLATE, StandardCharsets.UTF_8);
        String definition = new StateMachineGenerator(Workflow.MIGRATION).text().replace("${VerifyFunctionArn}", "${ReportFunctionArn}");

        String generated = TemplateGenerator.regenerate(committed, definition);

        assertTrue(generated.contains(TemplateGenerator.blocks(committed).get("RestartWorkloadsFunction")), "kept as written");
        assertTrue(TemplateGenerator.differences(committed, generated)
                .contains("resource VerifyFunction: in template.yaml, but no state calls it"));
        assertTrue(!generated.contains("VerifyFunction"), generated);
    }

    @Test
    void everyFunctionNamesAHandlerThePipelineCanConstruct() throws IOException {
        Matcher handlers = HANDLER.matcher(Files.readString(TEMPLATE, StandardCharsets.UTF_8));
        List<String> wrong = new ArrayList<>();
        int count = 0;
        while (handlers.find()) {
            count++;
            String name = handlers.group(1);
            try {
                Class<?> handler = Class.forName(name);
                // The Lambda runtime's constructor, and the local pipeline's (HandlerEnvironment given).
                handler.getConstructor();
                // Constructed as the local pipeline does: a step's handler must name a step of the workflow.
                Supplier<Object> unused = () -> {
                    throw new AssertionError("the environment is built at the first invocation, not by the constructor");
                };
                handler.getConstructor(Supplier.class).newInstance(unused);
                if (!RequestStreamHandler.class.isAssignableFrom(handler) && !RequestHandler.class.isAssignableFrom(handler)) {
                    wrong.add(name + " is not a Lambda handler");
                }
            } catch (InvocationTargetException e) {
                wrong.add(name + ": " + e.getCause());
            } catch (ReflectiveOperationException e) {
                wrong.add(name + ": " + e);
            }
        }
        assertTrue(count >= Workflow.MIGRATION.steps().size(), "functions found: " + count);
        assertEquals(List.of(), wrong);
    }
}
