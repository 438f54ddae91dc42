package dev.guildhall.core.errors;

/** 408: the client did not send a complete request in time. */
public final class RequestTimeout extends ApiException {
    public RequestTimeout() {
        super(408, 0, "408: Request Timeout");
    }
}
