package dev.pim.migration.plan;

import java.util.List;

/**
 * An approved run whose plan would give credentials to containers the IRSA webhook skips, without the user's
 * acceptance ({@code --accept-skipped-containers}): refused before any write.
 */
public final class SkippedContainersNotAcceptedException extends IllegalArgumentException {

    public SkippedContainersNotAcceptedException(List<WebhookFinding> findings) {
        super("refused before any change: " + String.join("; ", findings.stream().map(WebhookFinding::detail).toList())
                + ". Accept it with --accept-skipped-containers (pipeline input 'acceptSkippedContainers': true), "
                + "or move those containers to a service account of their own first");
    }
}
