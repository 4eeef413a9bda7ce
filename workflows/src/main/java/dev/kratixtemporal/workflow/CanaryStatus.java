package dev.kratixtemporal.workflow;

/**
 * What a canary workflow did: canaries applied, how many were Reconciled within their timeout and how many not, the
 * request in flight (its workflow id, null between canaries), and why the last round applied nothing (null: it did).
 */
public record CanaryStatus(String slo, String promise, long applied, long reconciled, long timedOut, String inFlight,
    String skipped) {}
