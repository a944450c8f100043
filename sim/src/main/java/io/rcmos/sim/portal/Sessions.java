package io.rcmos.sim.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Portal sessions: an unguessable cookie, where the visitor is in the login sequence, and when they were last seen. */
final class Sessions {

    enum Stage { CAPTCHA, MFA, IN }

    static final class Session {
        final String id;
        final String portal;
        volatile Stage stage;
        volatile Instant lastSeen;
        volatile String challenge; // the CAPTCHA text or the code "sent"
        final Map<String, Object> data = new ConcurrentHashMap<>();

        Session(String id, String portal, Stage stage, Instant now) {
            this.id = id;
            this.portal = portal;
            this.stage = stage;
            this.lastSeen = now;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    Session open(String portal, Stage stage) {
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        Session s = new Session(HexFormat.of().formatHex(id), portal, stage, clock.instant());
        sessions.put(s.id, s);
        return s;
    }

    /** The live session of this cookie for this portal; an idle one is closed and reported as expired. */
    Lookup find(String cookieValue, String portal, int idleSeconds) {
        Session s = cookieValue == null ? null : sessions.get(cookieValue);
        if (s == null || !s.portal.equals(portal)) {
            return new Lookup(null, false);
        }
        Instant now = clock.instant();
        if (s.lastSeen.plusSeconds(idleSeconds).isBefore(now)) {
            sessions.remove(s.id);
            return new Lookup(null, true);
        }
        s.lastSeen = now;
        return new Lookup(s, false);
    }

    record Lookup(Session session, boolean expired) {
    }

    static String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
