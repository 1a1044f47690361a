package dev.pim.local.stepfunctions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.asl.InvalidDefinitionException;
import dev.pim.local.stepfunctions.asl.StateMachineDefinition;
import dev.pim.local.stepfunctions.json.Json;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** CreateStateMachine, DescribeStateMachine, ListStateMachines, DeleteStateMachine. */
final class StateMachineOperations {
    private static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");
    private final StateMachineStore store;

    StateMachineOperations(StateMachineStore store) {
        this.store = store;
    }

    /** Creating the same machine again (same definition, role and type) answers with the existing one. */
    HttpResponse create(Requests request, AwsCaller caller, Instant now) {
        String name = request.required("name");
        String definitionText = request.required("definition");
        String roleArn = request.required("roleArn");
        String type = Objects.requireNonNullElse(request.optional("type"), "STANDARD");
        Requests.checkName(name);
        Requests.checkEnum("type", type, TYPES);
        if (!type.equals("STANDARD")) {
            throw SfnErrors.validation("type " + type + " is not supported by the local engine: it runs STANDARD state machines");
        }
        Requests.checkRoleArn(roleArn);
        StateMachineDefinition definition = parse(definitionText);
        String arn = "arn:aws:states:" + caller.region() + ":" + caller.accountId() + ":stateMachine:" + name;
        StateMachineRecord existing = store.machine(arn).orElse(null);
        if (existing != null) {
            if (!existing.definitionText().equals(definitionText) || !existing.roleArn().equals(roleArn)
                    || !existing.type().equals(type)) {
                throw SfnErrors.of("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            return created(existing);
        }
        StateMachineRecord machine = new StateMachineRecord(arn, name, definitionText, definition, roleArn, type,
                now, UUID.randomUUID().toString(), store.nextSequence());
        store.put(machine);
        return created(machine);
    }

    HttpResponse describe(Requests request) {
        StateMachineRecord machine = existing(request.stateMachineArn("stateMachineArn"));
        ObjectNode body = Json.object();
        body.put("stateMachineArn", machine.arn());
        body.put("name", machine.name());
        body.put("status", "ACTIVE");
        body.put("definition", machine.definitionText());
        body.put("roleArn", machine.roleArn());
        body.put("type", machine.type());
        ApiJson.timestamp(body, "creationDate", machine.creationDate());
        body.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        body.putObject("tracingConfiguration").put("enabled", false);
        body.put("revisionId", machine.revisionId());
        return ApiJson.ok(body);
    }

    HttpResponse list(Requests request, AwsCaller caller) {
        return ApiJson.ok(PageTokens.page(store.machines(caller.region(), caller.accountId()), request,
                "machines:" + caller.region() + caller.accountId(), "stateMachines", machine -> {
                    ObjectNode item = Json.object().put("stateMachineArn", machine.arn()).put("name", machine.name())
                            .put("type", machine.type());
                    return ApiJson.timestamp(item, "creationDate", machine.creationDate());
                }));
    }

    /** Deleting is idempotent, as in AWS; the machine's executions stay describable. */
    HttpResponse delete(Requests request) {
        store.remove(request.stateMachineArn("stateMachineArn"));
        return ApiJson.ok(Json.object());
    }

    private StateMachineRecord existing(String arn) {
        return store.machine(arn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(arn));
    }

    private static StateMachineDefinition parse(String definitionText) {
        try {
            return DefinitionParser.parse(definitionText);
        } catch (InvalidDefinitionException e) {
            throw SfnErrors.of("InvalidDefinition", e.getMessage());
        }
    }

    private static HttpResponse created(StateMachineRecord machine) {
        ObjectNode body = Json.object().put("stateMachineArn", machine.arn());
        return ApiJson.ok(ApiJson.timestamp(body, "creationDate", machine.creationDate()));
    }
}
