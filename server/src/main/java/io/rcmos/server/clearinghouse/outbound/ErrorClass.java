package io.rcmos.server.clearinghouse.outbound;

import java.util.Set;

/**
 * What kind of failure a clearinghouse answer is (stedi.md, "Error classes"): transient failures are retried and
 * then handed to the next route, data errors go to a person or back to the submitter, enrollment/config errors
 * route elsewhere.
 */
enum ErrorClass {
    TRANSIENT, DATA, ENROLLMENT;

    private static final Set<String> TRANSIENT_AAA = Set.of("42", "80");
    private static final Set<String> ENROLLMENT_AAA = Set.of("41", "50", "51", "T4");

    /** Classifies an AAA reject by its reason code and follow-up action code (C, N, P, R, S, W, X, Y). */
    static ErrorClass ofAaa(String code, String followUp) {
        if (TRANSIENT_AAA.contains(code)) {
            return TRANSIENT;
        }
        if (ENROLLMENT_AAA.contains(code)) {
            return ENROLLMENT;
        }
        if ("R".equals(followUp) || "Y".equals(followUp)) {
            return TRANSIENT;
        }
        return DATA;
    }

    /** HTTP statuses that mean "try again later". */
    static boolean transientHttp(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
