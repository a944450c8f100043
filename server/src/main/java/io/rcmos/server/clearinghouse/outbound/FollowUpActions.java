package io.rcmos.server.clearinghouse.outbound;

import java.util.Locale;
import java.util.Map;

/** AAA follow-up action codes (AAA04) from the text Stedi's JSON carries, e.g. "Please Correct and Resubmit" → C. */
final class FollowUpActions {

    private static final Map<String, String> BY_TEXT = Map.of(
            "please correct and resubmit", "C",
            "resubmission not allowed", "N",
            "please resubmit original transaction", "P",
            "resubmission allowed", "R",
            "do not resubmit; inquiry initiated to a third party", "S",
            "please wait 30 days and resubmit", "W",
            "please wait 10 days and resubmit", "X",
            "do not resubmit; we will hand deliver the response", "Y");

    private FollowUpActions() {
    }

    static String code(String textOrCode) {
        if (textOrCode == null || textOrCode.isBlank()) {
            return null;
        }
        String trimmed = textOrCode.trim();
        if (trimmed.length() == 1) {
            return trimmed.toUpperCase(Locale.ROOT);
        }
        return BY_TEXT.getOrDefault(trimmed.toLowerCase(Locale.ROOT), null);
    }
}
