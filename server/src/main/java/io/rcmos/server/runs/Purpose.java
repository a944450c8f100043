package io.rcmos.server.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.EligibilityRequest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a run asks: eligibility (270/271) or claim status (276/277), and the input type it takes. */
public enum Purpose {
    ELIGIBILITY(EligibilityRequest.class),
    CLAIM_STATUS(ClaimStatusRequest.class);

    private final Class<?> inputType;

    Purpose(Class<?> inputType) {
        this.inputType = inputType;
    }

    public Class<?> inputType() {
        return inputType;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Purpose> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }
}
