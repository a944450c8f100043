package io.rcmos.sim.stedi;

import java.util.Map;

/** The AAA reject reasons and follow-up actions the simulator answers with, worded as Stedi's JSON words them. */
final class AaaCodes {

    static final Map<String, String> REASONS = Map.of(
            "42", "Unable to Respond at Current Time",
            "43", "Invalid/Missing Provider Identification",
            "50", "Provider Ineligible for Inquiries",
            "72", "Invalid/Missing Subscriber/Insured ID",
            "73", "Invalid/Missing Subscriber/Insured Name",
            "75", "Subscriber/Insured Not Found");

    static final Map<String, String> FOLLOW_UP = Map.of(
            "42", "Resubmission Allowed",
            "43", "Please Correct and Resubmit",
            "50", "Resubmission Not Allowed",
            "72", "Please Correct and Resubmit",
            "73", "Please Correct and Resubmit",
            "75", "Please Correct and Resubmit");

    static final Map<String, String> LOOP = Map.of(
            "42", "Loop 2100A",
            "43", "Loop 2100B",
            "50", "Loop 2100B",
            "72", "Loop 2100C",
            "73", "Loop 2100C",
            "75", "Loop 2100C");

    private AaaCodes() {
    }
}
