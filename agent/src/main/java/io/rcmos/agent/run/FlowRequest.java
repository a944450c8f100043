package io.rcmos.agent.run;

import io.rcmos.agent.secrets.Totp;

import java.util.Map;

/**
 * What one run of a flow gets: its {@code input} values (text; dates ISO), the portal credential's {@code secrets},
 * a TOTP generator when the portal's policy lets the bot hold the second factor (null otherwise: MFA becomes a
 * breakpoint), the portal's base URL, a saved login to reuse ({@code storageState}, or null), and whether to keep
 * a screenshot of every step. Input values are treated as sensitive: they are masked in everything served, pixels
 * included — except, in pictures, the inputs named in {@link #SHOWN_INPUTS}.
 * {@code replay} runs against a recording whose private values are masked: every input, secret and one-time code
 * is then the mask itself, so the requests the flow makes match the recorded ones byte for byte.
 */
public record FlowRequest(String runId, Map<String, String> input, Map<String, String> secrets, Totp totp, String baseUrl,
                          String storageState, boolean stepScreenshots, boolean replay) {

    /**
     * Inputs that name the payer or the provider rather than the patient: screenshots show them (a portal's payer
     * list, its own name in a header). Every other input is patient data and is painted over wherever it is shown.
     */
    public static final java.util.Set<String> SHOWN_INPUTS = java.util.Set.of("payer_name", "payer_id", "provider_name", "provider_npi");

    public FlowRequest {
        input = Map.copyOf(input);
        secrets = Map.copyOf(secrets);
    }

    public FlowRequest(String runId, Map<String, String> input, Map<String, String> secrets, Totp totp, String baseUrl,
                       String storageState, boolean stepScreenshots) {
        this(runId, input, secrets, totp, baseUrl, storageState, stepScreenshots, false);
    }

    @Override
    public String toString() {
        return "FlowRequest[run " + runId + "]"; // never the values
    }
}
