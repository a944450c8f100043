package io.rcmos.sim.registry;

/**
 * What a member's eligibility check answers. AAA scenarios carry the X12 reject reason code the payer sends;
 * {@link #PAYER_UNAVAILABLE} answers AAA 42 on the first call for a member and active afterwards (a payer outage
 * that recovers).
 */
public enum Scenario {
    ACTIVE(null),
    INACTIVE(null),
    NOT_FOUND("75"),
    INVALID_MEMBER_ID("72"),
    INVALID_NAME("73"),
    INVALID_PROVIDER_ID("43"),
    PAYER_UNAVAILABLE("42"),
    /** The payer does not answer the clearinghouse at all (AAA 42 every time); its portals still do. */
    CLEARINGHOUSE_OUTAGE("42"),
    PROVIDER_NOT_ELIGIBLE("50");

    private final String aaaCode;

    Scenario(String aaaCode) {
        this.aaaCode = aaaCode;
    }

    public String aaaCode() {
        return aaaCode;
    }
}
