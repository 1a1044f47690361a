package dev.pim.statemachine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of {@code template.yaml} the state machine decides, made from its generated definition: the function of
 * every {@code ${<Function>FunctionArn}} it calls (between the template's markers), the {@code DefinitionSubstitutions}
 * that fill them in, and the state machine's {@code LambdaInvokePolicy} for each. A function the template already
 * has keeps its block as written (its timeout, its package, its comment); a new one gets
 * {@code dev.pim.handler.<Function>Handler} with the Globals' settings; one no state calls any more goes. The rest
 * of the template is left as it is.
 */
final class TemplateGenerator {
    static final String BEGIN = "  # BEGIN generated workflow functions";
    static final String END = "  # END generated workflow functions";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)FunctionArn}");
    private static final Pattern RESOURCE = Pattern.compile("^  ([A-Za-z0-9]+):$", Pattern.MULTILINE);
    private static final String SUBSTITUTIONS = "      DefinitionSubstitutions:\n";
    private static final Pattern SUBSTITUTION = Pattern.compile("^        [A-Za-z0-9]+FunctionArn: .*\n", Pattern.MULTILINE);
    private static final Pattern INVOKE_POLICY = Pattern.compile("^        - LambdaInvokePolicy: .*\n", Pattern.MULTILINE);

    private TemplateGenerator() {
    }

    /** The functions a definition calls, in the order of its states (the report, which every failure path calls, last). */
    static List<String> functions(String definition) {
        Map<String, Integer> lastCall = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(definition);
        while (m.find()) {
            lastCall.put(m.group(1) + "Function", m.start());
        }
        return lastCall.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    /** The template with its generated parts made from the definition. */
    static String regenerate(String template, String definition) {
        List<String> functions = functions(definition);
        int begin = template.indexOf(BEGIN + "\n");
        int end = template.indexOf(END + "\n");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("template.yaml has no section '" + BEGIN.strip() + "' ... '" + END.strip()
                    + "' for the state machine's functions");
        }
        Map<String, String> existing = blocks(template.substring(begin + BEGIN.length() + 1, end));
        StringBuilder section = new StringBuilder(BEGIN).append("\n\n");
        functions.forEach(f -> section.append(existing.getOrDefault(f, defaultBlock(f))).append('\n'));
        String out = template.substring(0, begin) + section + template.substring(end);
        out = replaceLines(out, SUBSTITUTIONS, SUBSTITUTION, functions.stream()
                .map(f -> "        " + f + "Arn: !Ref " + f + ".Alias\n").toList());
        return replaceLines(out, "      Policies:\n", INVOKE_POLICY, functions.stream()
                .map(f -> "        - LambdaInvokePolicy: {FunctionName: !Ref " + f + "}\n").toList());
    }

    /** A function's resource block, with the comment lines above it, by logical id. */
    static Map<String, String> blocks(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder pending = new StringBuilder();
        String name = null;
        StringBuilder block = new StringBuilder();
        for (String line : section.split("\n", -1)) {
            Matcher resource = RESOURCE.matcher(line);
            if (line.startsWith("  #")) {
                // A comment at the resources' indent belongs to the resource below it.
                pending.append(line).append('\n');
            } else if (resource.matches()) {
                if (name != null) {
                    out.put(name, block.toString().stripTrailing() + "\n");
                }
                name = resource.group(1);
                block = new StringBuilder(pending).append(line).append('\n');
                pending.setLength(0);
            } else {
                block.append(pending).append(line).append('\n');
                pending.setLength(0);
            }
        }
        if (name != null) {
            out.put(name, block.toString().stripTrailing() + "\n");
        }
        return out;
    }

    static String defaultBlock(String function) {
        String step = function.substring(0, function.length() - "Function".length());
        return "  " + function + ":\n"
                + "    Type: AWS::Serverless::Function\n"
                + "    Properties:\n"
                + "      Handler: dev.pim.handler." + step + "Handler::handleRequest\n"
                + "      Role: !GetAtt MigratorRole.Arn\n";
    }

    /** Replaces the run of lines matching {@code line} that follows {@code after} (the first such run after it). */
    private static String replaceLines(String text, String after, Pattern line, List<String> lines) {
        int from = text.indexOf(after);
        Matcher m = line.matcher(text);
        int start = -1;
        int end = -1;
        for (int at = from; m.find(at); at = m.end()) {
            if (start >= 0 && m.start() != end) {
                break;
            }
            if (start < 0) {
                start = m.start();
            }
            end = m.end();
        }
        if (from < 0 || start < 0) {
            throw new IllegalStateException("template.yaml has no '" + after.strip() + "' lines like " + line.pattern());
        }
        return text.substring(0, start) + String.join("", lines) + text.substring(end);
    }

    /** What the committed template has that the generated one does not, or the reverse, by resource or entry. */
    static List<String> differences(String committed, String generated) {
        List<String> out = new ArrayList<>();
        int begin = committed.indexOf(BEGIN + "\n");
        int end = committed.indexOf(END + "\n");
        Map<String, String> have = begin < 0 || end < begin ? Map.of()
                : blocks(committed.substring(begin + BEGIN.length() + 1, end));
        Map<String, String> want = blocks(generated.substring(generated.indexOf(BEGIN) + BEGIN.length() + 1,
                generated.indexOf(END)));
        want.keySet().stream().filter(f -> !have.containsKey(f))
                .forEach(f -> out.add("resource " + f + ": a state calls it, template.yaml does not declare it"));
        have.keySet().stream().filter(f -> !want.containsKey(f))
                .forEach(f -> out.add("resource " + f + ": in template.yaml, but no state calls it"));
        compareLines(committed, generated, SUBSTITUTION, "DefinitionSubstitutions entry", out);
        compareLines(committed, generated, INVOKE_POLICY, "LambdaInvokePolicy", out);
        if (out.isEmpty() && !committed.equals(generated)) {
            out.add("the state machine's functions are in another order than its states call them");
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static void compareLines(String committed, String generated, Pattern line, String what, List<String> out) {
        List<String> have = lines(committed, line);
        List<String> want = lines(generated, line);
        want.stream().filter(l -> !have.contains(l)).forEach(l -> out.add(what + " missing: " + l));
        have.stream().filter(l -> !want.contains(l)).forEach(l -> out.add(what + " for no state: " + l));
    }

    private static List<String> lines(String text, Pattern line) {
        List<String> out = new ArrayList<>();
        Matcher m = line.matcher(text);
        while (m.find()) {
            out.add(m.group().strip());
        }
        return out;
    }
}
