package io.rcmos.server.payers;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One payer's configuration ({@code config/payers/<name>.yaml}): its id, the clearinghouse's id for it, the portals
 * that can answer for it (flow per purpose, the payer's name on the portal's search form, which credential — a
 * reference, never a value), rate limits per channel, and maintenance windows. A payer without a file works through
 * the clearinghouse with {@link #defaults(String)}.
 */
public record PayerConfig(String payerId, String name, Channels channels, List<MaintenanceWindow> maintenanceWindows) {

    public PayerConfig {
        maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
    }

    public record Channels(Clearinghouse clearinghouse, List<Portal> portals) {
        public Channels {
            portals = portals == null ? List.of() : List.copyOf(portals);
        }
    }

    /** The clearinghouse's view of the payer: its trading partner id and what it answers. */
    public record Clearinghouse(String tradingPartnerId, List<String> purposes, RateLimit rateLimit) {
    }

    /** A portal that answers for the payer; {@code credential} names a configured credential, never holds one. */
    public record Portal(String portal, List<String> purposes, Map<String, String> flows, String payerName, String credential,
                         RateLimit rateLimit) {
        public Portal {
            flows = flows == null ? Map.of() : Map.copyOf(flows);
        }
    }

    /** A token bucket: sustained calls per second and the burst allowed. */
    public record RateLimit(double perSecond, int burst) {
    }

    /** A weekly window when a channel ({@code clearinghouse} or {@code portal:<name>}) must not be used. */
    public record MaintenanceWindow(String channel, DayOfWeek day, LocalTime from, LocalTime to, ZoneId zone) {

        /** Whether {@code now} falls in this window ({@code from} inclusive, {@code to} exclusive, in the window's zone). */
        public boolean covers(java.time.Instant now) {
            java.time.ZonedDateTime local = now.atZone(zone);
            LocalTime time = local.toLocalTime();
            return local.getDayOfWeek() == day && !time.isBefore(from) && time.isBefore(to);
        }
    }

    /** Safe defaults for a payer without a file: the clearinghouse, both purposes, a conservative limit, no portal. */
    public static PayerConfig defaults(String payerId) {
        return new PayerConfig(payerId, null, new Channels(new Clearinghouse(payerId, List.of("eligibility", "claim_status"),
                new RateLimit(5, 10)), List.of()), List.of());
    }
}
