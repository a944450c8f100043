package io.rcmos.x12.write;

import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a 270 eligibility inquiry (005010X279A1) with its envelope: fixed-width ISA, GS/ST/SE/GE/IEA counts and
 * control numbers, HL levels 20 (payer) → 21 (provider) → 22 (subscriber) [→ 23 (dependent)], a TRN trace per
 * inquired person, NM1/DMG/DTP and one EQ with every service type code as repetitions. Delimiters are chosen so no
 * value collides with them ({@link X12Delimiters}).
 */
public final class Eligibility270Writer {

    static final DateTimeFormatter DATE8 = DateTimeFormatter.BASIC_ISO_DATE;
    static final DateTimeFormatter DATE6 = DateTimeFormatter.ofPattern("yyMMdd");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");
    static final String VERSION = "005010X279A1";

    /** What the writer produced: the X12 text and the TRN trace number that correlates the 271. */
    public record Written(String x12, String traceNumber, X12Delimiters delimiters) {
    }

    /**
     * @param payerId     the payer's id (NM109 of 2100A)
     * @param payerName   the payer's name (NM103 of 2100A)
     * @param traceNumber TRN02: echoed in the 271, unique per inquiry
     */
    public Written write(EligibilityRequest request, String payerId, String payerName, String traceNumber, Envelope envelope) {
        X12Delimiters d = X12Delimiters.choose(values(request, payerId, payerName, traceNumber, envelope));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String st = EnvelopeWriter.transactionNumber(envelope);
        try (EDIStreamWriter w = EnvelopeWriter.open(out, d)) {
            EnvelopeWriter.begin(w, envelope, d, "HS", VERSION);
            int count = 0;
            count += segment(w, "ST", "270", st, VERSION);
            count += segment(w, "BHT", "0022", "13", traceNumber, DATE8.format(envelope.created()), TIME.format(envelope.created()));
            count += segment(w, "HL", "1", null, "20", "1");
            count += segment(w, "NM1", "PR", "2", payerName, null, null, null, null, "PI", payerId);
            count += segment(w, "HL", "2", "1", "21", "1");
            count += provider(w, request.provider());
            boolean dependent = request.dependent() != null;
            count += segment(w, "HL", "3", "2", "22", dependent ? "1" : "0");
            Subscriber s = request.subscriber();
            if (!dependent) {
                count += segment(w, "TRN", "1", traceNumber, "9RCMOS0001");
            }
            count += segment(w, "NM1", "IL", "1", s.lastName(), s.firstName(), null, null, null,
                    s.memberId() == null ? null : "MI", s.memberId());
            if (s.dateOfBirth() != null || s.gender() != null) {
                count += segment(w, "DMG", "D8", date(s.dateOfBirth()), s.gender());
            }
            if (!dependent) {
                count += inquiry(w, request);
            } else {
                Dependent dep = request.dependent();
                count += segment(w, "HL", "4", "3", "23", "0");
                count += segment(w, "TRN", "1", traceNumber, "9RCMOS0001");
                count += segment(w, "NM1", "03", "1", dep.lastName(), dep.firstName());
                count += segment(w, "DMG", "D8", date(dep.dateOfBirth()), dep.gender());
                if (dep.relationshipCode() != null) {
                    count += segment(w, "INS", "N", dep.relationshipCode());
                }
                count += inquiry(w, request);
            }
            count++;
            segment(w, "SE", Integer.toString(count), st);
            EnvelopeWriter.end(w, envelope);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("270 could not be written: " + e.getMessage(), e);
        }
        return new Written(out.toString(StandardCharsets.UTF_8), traceNumber, d);
    }

    private static int provider(EDIStreamWriter w, Provider p) throws EDIStreamException {
        if (p.organizationName() != null) {
            return segment(w, "NM1", "1P", "2", p.organizationName(), null, null, null, null, "XX", p.npi());
        }
        return segment(w, "NM1", "1P", "1", p.lastName(), p.firstName(), null, null, null, "XX", p.npi());
    }

    /** DTP (date of service, when given) and one EQ with the service type codes as repetitions of EQ01. */
    private static int inquiry(EDIStreamWriter w, EligibilityRequest r) throws EDIStreamException {
        int count = 0;
        if (r.dateOfService() != null) {
            count += segment(w, "DTP", "291", "D8", date(r.dateOfService()));
        }
        w.writeStartSegment("EQ");
        List<String> codes = r.effectiveServiceTypeCodes();
        w.writeStartElement();
        w.writeElementData(codes.get(0));
        for (int i = 1; i < codes.size(); i++) {
            w.writeRepeatElement();
            w.writeElementData(codes.get(i));
        }
        w.endElement();
        w.writeEndSegment();
        return count + 1;
    }

    /** Writes one segment; null or empty elements stay empty (trailing ones are dropped). Returns 1. */
    static int segment(EDIStreamWriter w, String tag, String... elements) throws EDIStreamException {
        w.writeStartSegment(tag);
        for (String e : elements) {
            if (e == null || e.isEmpty()) {
                w.writeEmptyElement();
            } else {
                w.writeElement(e);
            }
        }
        w.writeEndSegment();
        return 1;
    }

    static String pad(String value, int width) {
        return String.format("%-" + width + "s", value);
    }

    static String date(LocalDate d) {
        return d == null ? null : DATE8.format(d);
    }

    private static List<String> values(EligibilityRequest r, String payerId, String payerName, String trace, Envelope e) {
        List<String> v = new ArrayList<>(List.of(payerId, payerName == null ? "" : payerName, trace, e.senderId(), e.receiverId()));
        v.add(r.provider().npi());
        v.add(r.provider().organizationName());
        v.add(r.provider().lastName());
        v.add(r.provider().firstName());
        v.add(r.subscriber().memberId());
        v.add(r.subscriber().lastName());
        v.add(r.subscriber().firstName());
        if (r.dependent() != null) {
            v.add(r.dependent().lastName());
            v.add(r.dependent().firstName());
        }
        v.addAll(r.effectiveServiceTypeCodes());
        return v;
    }
}
