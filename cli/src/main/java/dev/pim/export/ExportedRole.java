package dev.pim.export;

/**
 * A role an association names, with its trust policy as IAM holds it.
 *
 * @param trustPolicy the trust policy as JSON text (URL-decoded)
 */
public record ExportedRole(String arn, String name, String path, String trustPolicy) {
}
