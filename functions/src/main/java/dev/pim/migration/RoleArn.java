package dev.pim.migration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM role ARN, parsed. The role name is the last path segment: {@code arn:aws:iam::1:role/teams/x} is
 * role {@code x} with path {@code /teams/} (eksctl refuses such ARNs and aborts the whole migration).
 */
public record RoleArn(String partition, String accountId, String path, String name) {
    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role(/(?:[\\x21-\\x7E]*/)?)([\\w+=,.@-]{1,64})");

    /** Parses a role ARN; the exception says what is wrong with it. */
    public static RoleArn parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRoleArnException(text, "it is empty");
        }
        String arn = text.trim();
        Matcher m = ARN.matcher(arn);
        if (m.matches()) {
            return new RoleArn(m.group(1), m.group(2), m.group(3), m.group(4));
        }
        if (!arn.startsWith("arn:")) {
            throw new InvalidRoleArnException(arn, "it is not an ARN");
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            throw new InvalidRoleArnException(arn, "an ARN has six ':'-separated parts");
        }
        if (!parts[2].equals("iam")) {
            throw new InvalidRoleArnException(arn, "it is a " + parts[2] + " ARN, not an IAM one");
        }
        if (!parts[4].matches("\\d{12}")) {
            throw new InvalidRoleArnException(arn, "the account id '" + parts[4] + "' is not 12 digits");
        }
        if (!parts[5].startsWith("role/")) {
            throw new InvalidRoleArnException(arn, "it names an IAM " + parts[5].split("/")[0] + ", not a role");
        }
        throw new InvalidRoleArnException(arn, "the role name or path is not valid");
    }

    /** The IAM principal ARN of the role (what policies and EKS take). */
    @Override
    public String toString() {
        return "arn:" + partition + ":iam::" + accountId + ":role" + path + name;
    }
}
