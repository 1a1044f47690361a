package dev.pim.migration.association;

/** The AWS partition a region or an ARN belongs to: ARNs of one partition cannot be used in another. */
public final class Partition {

    private Partition() {
    }

    public static String ofRegion(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }

    /** The partition an ARN names, or null when the text is not an ARN. */
    static String ofArn(String arn) {
        String[] parts = arn.split(":", 3);
        return parts.length == 3 && parts[0].equals("arn") ? parts[1] : null;
    }
}
