package io.rcmos.server.insights;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Exit-metric settings ({@code rcm.insights}): {@code minutesPerManualCheck} is what one check costs a person by
 * phone or portal (default 6 minutes); staff time saved is automated checks × this.
 */
@ConfigurationProperties("rcm.insights")
public record InsightsProperties(Double minutesPerManualCheck) {

    public InsightsProperties {
        minutesPerManualCheck = minutesPerManualCheck == null ? 6.0 : minutesPerManualCheck;
        if (minutesPerManualCheck.isNaN() || minutesPerManualCheck < 0 || minutesPerManualCheck > 480) {
            throw new IllegalStateException("rcm.insights.minutes-per-manual-check must be a number of minutes from 0 to 480");
        }
    }
}
