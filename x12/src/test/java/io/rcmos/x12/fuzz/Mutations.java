package io.rcmos.x12.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Edits to a seed file for the fuzz properties: jqwik generates (and shrinks) lists of them. Positions are fractions of
 * the current length, so a mutation list applies to any seed; the edits are those that break X12 in interesting ways —
 * delimiters where they do not belong, envelope words, cut or repeated stretches, flipped bits, high bytes.
 */
public record Mutations(List<Edit> edits) {

    enum Kind { FLIP, SET, DELETE, DUPLICATE, INSERT, TRUNCATE, SWAP }

    record Edit(Kind kind, double at, double other, int length, int value, String token) {
    }

    /** Bytes and words that mean something to an X12 reader. */
    static final List<String> TOKENS = List.of("~", "*", ":", "^", ">", "\n", "\r\n", "\u0000", "\u00ff", "ISA", "GS*", "ST*", "SE*",
            "GE*", "IEA*", "HL*", "EB*", "NM1*", "AAA*", "STC*", "~SE*1*0001~", "~IEA*1*000000001~", "*".repeat(64),
            "~".repeat(32), "ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*P*:~",
            "9".repeat(40), "é", "\uD83D\uDE00");

    static Arbitrary<Edit> edit() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 400), Arbitraries.integers().between(0, 255), Arbitraries.of(TOKENS))
                .as(Edit::new);
    }

    public static Arbitrary<Mutations> some() {
        return edit().list().ofMinSize(1).ofMaxSize(8).map(Mutations::new);
    }

    public byte[] applyTo(byte[] seed) {
        byte[] b = seed.clone();
        for (Edit e : edits) {
            b = apply(b, e);
        }
        return b;
    }

    private static byte[] apply(byte[] b, Edit e) {
        int n = b.length;
        int at = (int) Math.min(n, Math.floor(e.at() * (n + 1)));
        int len = Math.min(e.length(), n - at);
        switch (e.kind()) {
            case FLIP -> {
                if (n > 0) {
                    int i = Math.min(at, n - 1);
                    b[i] = (byte) (b[i] ^ (1 << (e.value() % 8)));
                }
                return b;
            }
            case SET -> {
                if (n > 0) {
                    b[Math.min(at, n - 1)] = (byte) e.value();
                }
                return b;
            }
            case DELETE -> {
                return join(slice(b, 0, at), slice(b, at + len, n));
            }
            case DUPLICATE -> {
                return join(slice(b, 0, at + len), slice(b, at, at + len), slice(b, at + len, n));
            }
            case INSERT -> {
                return join(slice(b, 0, at), e.token().getBytes(StandardCharsets.UTF_8), slice(b, at, n));
            }
            case TRUNCATE -> {
                return slice(b, 0, at);
            }
            case SWAP -> {
                int other = (int) Math.min(n, Math.floor(e.other() * (n + 1)));
                int first = Math.min(at, other);
                int second = Math.max(at, other);
                int l = Math.min(len, second - first);
                if (l <= 0 || second + l > n) {
                    return b;
                }
                return join(slice(b, 0, first), slice(b, second, second + l), slice(b, first + l, second), slice(b, first, first + l),
                        slice(b, second + l, n));
            }
            default -> throw new IllegalStateException(e.kind().name());
        }
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, Math.max(0, Math.min(from, b.length)), Math.max(0, Math.min(to, b.length)));
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
