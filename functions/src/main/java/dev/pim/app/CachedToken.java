package dev.pim.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A bearer token reused until it is {@code maxAge} old: EKS accepts tokens for 15 minutes. */
final class CachedToken implements Supplier<String> {
    private final Supplier<String> mint;
    private final Clock clock;
    private final Duration maxAge;
    private String token;
    private Instant mintedAt;

    CachedToken(Supplier<String> mint, Clock clock, Duration maxAge) {
        this.mint = mint;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(mintedAt.plus(maxAge))) {
            token = mint.get();
            mintedAt = now;
        }
        return token;
    }
}
