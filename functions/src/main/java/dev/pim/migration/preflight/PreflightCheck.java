package dev.pim.migration.preflight;

/** One preflight check and its outcome. */
public record PreflightCheck(String name, Status status, String detail) {

    public enum Status {
        PASS, WARN, FAIL
    }

    static PreflightCheck pass(String name, String detail) {
        return new PreflightCheck(name, Status.PASS, detail);
    }

    static PreflightCheck warn(String name, String detail) {
        return new PreflightCheck(name, Status.WARN, detail);
    }

    static PreflightCheck fail(String name, String detail) {
        return new PreflightCheck(name, Status.FAIL, detail);
    }
}
