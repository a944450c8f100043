package io.rcmos.x12.write;

import io.rcmos.x12.model.AaaError;
import io.rcmos.x12.model.EligibilityResult;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.rcmos.x12.write.Eligibility270Writer.DATE8;
import static io.rcmos.x12.write.Eligibility270Writer.TIME;
import static io.rcmos.x12.write.Eligibility270Writer.date;
import static io.rcmos.x12.write.Eligibility270Writer.segment;

/**
 * Writes a 271 (005010X279A1) from an {@link EligibilityResult} — what a payer (here: the simulator) answers.
 * AAA rejects are placed in the loop they name (2100A payer, 2100B provider, otherwise 2100C subscriber); each
 * benefit becomes an EB segment (service types as EB03 repetitions) followed by its MSG texts.
 */
public final class Eligibility271Writer {

    public String write(EligibilityResult r, String providerName, String npi, String traceNumber, Envelope envelope) {
        List<String> values = new ArrayList<>(List.of(providerName, npi, traceNumber));
        if (r.payer() != null) {
            values.add(r.payer().name());
            values.add(r.payer().id());
        }
        if (r.subscriber() != null) {
            values.add(r.subscriber().memberId());
            values.add(r.subscriber().firstName());
            values.add(r.subscriber().lastName());
        }
        if (r.plan() != null) {
            values.add(r.plan().name());
            values.add(r.plan().groupNumber());
        }
        r.benefits().forEach(b -> values.addAll(b.messages()));
        X12Delimiters d = X12Delimiters.choose(values);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String st = EnvelopeWriter.transactionNumber(envelope);
        try (EDIStreamWriter w = EnvelopeWriter.open(out, d)) {
            EnvelopeWriter.begin(w, envelope, d, "HB", Eligibility270Writer.VERSION);
            int count = 0;
            count += segment(w, "ST", "271", st, Eligibility270Writer.VERSION);
            count += segment(w, "BHT", "0022", "11", traceNumber, DATE8.format(envelope.created()), TIME.format(envelope.created()));
            count += segment(w, "HL", "1", null, "20", "1");
            count += segment(w, "NM1", "PR", "2", r.payer() == null ? "PAYER" : r.payer().name(), null, null, null, null, "PI",
                    r.payer() == null ? null : r.payer().id());
            count += aaa(w, r.errors(), "Loop 2100A");
            count += segment(w, "HL", "2", "1", "21", "1");
            count += segment(w, "NM1", "1P", "2", providerName, null, null, null, null, "XX", npi);
            count += aaa(w, r.errors(), "Loop 2100B");
            count += segment(w, "HL", "3", "2", "22", "0");
            count += segment(w, "TRN", "2", traceNumber, "9RCMOS0001");
            var s = r.subscriber();
            count += segment(w, "NM1", "IL", "1", s == null ? null : s.lastName(), s == null ? null : s.firstName(), null, null, null,
                    s == null || s.memberId() == null ? null : "MI", s == null ? null : s.memberId());
            if (r.plan() != null && r.plan().groupNumber() != null) {
                count += segment(w, "REF", "6P", r.plan().groupNumber(), r.plan().name());
            }
            for (AaaError e : r.errors()) {
                if (e.loop() == null || (!e.loop().endsWith("2100A") && !e.loop().endsWith("2100B"))) {
                    count += segment(w, "AAA", "N", null, e.code(), e.followUp());
                }
            }
            if (s != null && s.dateOfBirth() != null) {
                count += segment(w, "DMG", "D8", date(s.dateOfBirth()), s.gender());
            }
            if (r.plan() != null && r.plan().begin() != null) {
                count += segment(w, "DTP", "346", "D8", date(r.plan().begin()));
            }
            if (r.plan() != null && r.plan().end() != null) {
                count += segment(w, "DTP", "347", "D8", date(r.plan().end()));
            }
            for (EligibilityResult.Benefit b : r.benefits()) {
                count += eb(w, b);
                for (String m : b.messages()) {
                    count += segment(w, "MSG", m.length() > 264 ? m.substring(0, 264) : m);
                }
            }
            count++;
            segment(w, "SE", Integer.toString(count), st);
            EnvelopeWriter.end(w, envelope);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("271 could not be written: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int aaa(EDIStreamWriter w, List<AaaError> errors, String loop) throws EDIStreamException {
        int count = 0;
        for (AaaError e : errors) {
            if (loop.equals(e.loop())) {
                count += segment(w, "AAA", "N", null, e.code(), e.followUp());
            }
        }
        return count;
    }

    private static int eb(EDIStreamWriter w, EligibilityResult.Benefit b) throws EDIStreamException {
        w.writeStartSegment("EB");
        w.writeElement(b.code());
        element(w, b.coverageLevel());
        w.writeStartElement();
        List<String> stcs = b.serviceTypeCodes();
        if (!stcs.isEmpty()) {
            w.writeElementData(stcs.get(0));
            for (int i = 1; i < stcs.size(); i++) {
                w.writeRepeatElement();
                w.writeElementData(stcs.get(i));
            }
        }
        w.endElement();
        element(w, null); // EB04 insurance type
        element(w, null); // EB05 plan coverage description
        element(w, b.timePeriod());
        element(w, plain(b.amount()));
        element(w, plain(b.percent()));
        element(w, null); // EB09 quantity qualifier
        element(w, plain(b.quantity()));
        element(w, b.authRequired() == null ? null : b.authRequired() ? "Y" : "N");
        element(w, switch (b.inNetwork() == null ? "" : b.inNetwork()) {
            case "yes" -> "Y";
            case "no" -> "N";
            case "not_applicable" -> "W";
            case "unknown" -> "U";
            default -> null;
        });
        w.writeEndSegment();
        return 1;
    }

    private static void element(EDIStreamWriter w, String value) throws EDIStreamException {
        if (value == null) {
            w.writeEmptyElement();
        } else {
            w.writeElement(value);
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().toPlainString();
    }
}
