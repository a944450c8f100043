package io.rcmos.server.channels;

import com.fasterxml.jackson.annotation.JsonValue;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.EligibilityResult;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a run asks: eligibility (270/271) or claim status (276/277), and the input type it takes. */
public enum Purpose {
    ELIGIBILITY(EligibilityRequest.class, EligibilityResult.class),
    CLAIM_STATUS(ClaimStatusRequest.class, ClaimStatusResult.class);

    private final Class<?> inputType;
    private final Class<?> resultType;

    Purpose(Class<?> inputType, Class<?> resultType) {
        this.inputType = inputType;
        this.resultType = resultType;
    }

    public Class<?> inputType() {
        return inputType;
    }

    /** The typed result of this purpose ({@code EligibilityResult} or {@code ClaimStatusResult}). */
    public Class<?> resultType() {
        return resultType;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Purpose> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }
}
