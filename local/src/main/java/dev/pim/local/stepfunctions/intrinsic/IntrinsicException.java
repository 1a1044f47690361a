package dev.pim.local.stepfunctions.intrinsic;

/** An intrinsic function could not be applied to its arguments: the state fails with States.IntrinsicFailure. */
public final class IntrinsicException extends RuntimeException {
    public IntrinsicException(String message) {
        super(message);
    }
}
