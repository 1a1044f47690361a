package dev.pim.local.stepfunctions.asl;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as the States Language takes them: RFC3339 with an uppercase {@code T} between date and time and
 * an uppercase {@code Z} when there is no numeric offset ({@code 2016-03-14T01:59:00Z}).
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null || text.indexOf('T') != 10 || text.indexOf('t') >= 0 || text.endsWith("z")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
