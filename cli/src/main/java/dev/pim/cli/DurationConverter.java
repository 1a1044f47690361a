package dev.pim.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as eksctl writes them: {@code 25m}, {@code 90s}, {@code 1h30m}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

    @Override
    public Duration convert(String value) {
        Matcher m = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            end = m.end();
        }
        if (end != value.length() || value.isEmpty() || total.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 25m, 90s or 1h30m");
        }
        return total;
    }
}
