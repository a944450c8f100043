package io.rcmos.x12.write;

import io.rcmos.x12.model.ClaimReference;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.rcmos.x12.write.Eligibility270Writer.DATE8;
import static io.rcmos.x12.write.Eligibility270Writer.TIME;
import static io.rcmos.x12.write.Eligibility270Writer.date;
import static io.rcmos.x12.write.Eligibility270Writer.segment;

/**
 * Writes a 276 claim status request (005010X212): HL levels 20 (payer) → 21 (information receiver) → 19 (service
 * provider) → 22 (subscriber) [→ 23 (dependent)], then the claim at the patient's level: TRN trace, REF*1K payer
 * claim number, REF*EJ patient control number, AMT*T3 total charge, DTP*472 service dates (RD8 range).
 */
public final class ClaimStatus276Writer {

    static final String VERSION = "005010X212";

    /**
     * @param receiverName the information receiver (NM1*41, the submitter) and its ETIN ({@code receiverId})
     */
    public Eligibility270Writer.Written write(ClaimStatusRequest request, String payerId, String payerName, String receiverName,
                                              String receiverId, String traceNumber, Envelope envelope) {
        X12Delimiters d = X12Delimiters.choose(values(request, payerId, payerName, receiverName, receiverId, traceNumber));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String st = EnvelopeWriter.transactionNumber(envelope);
        try (EDIStreamWriter w = EnvelopeWriter.open(out, d)) {
            EnvelopeWriter.begin(w, envelope, d, "HR", VERSION);
            int count = 0;
            count += segment(w, "ST", "276", st, VERSION);
            count += segment(w, "BHT", "0010", "13", traceNumber, DATE8.format(envelope.created()), TIME.format(envelope.created()));
            count += segment(w, "HL", "1", null, "20", "1");
            count += segment(w, "NM1", "PR", "2", payerName, null, null, null, null, "PI", payerId);
            count += segment(w, "HL", "2", "1", "21", "1");
            count += segment(w, "NM1", "41", "2", receiverName, null, null, null, null, "46", receiverId);
            count += segment(w, "HL", "3", "2", "19", "1");
            Provider p = request.provider();
            count += p.organizationName() != null
                    ? segment(w, "NM1", "1P", "2", p.organizationName(), null, null, null, null, "XX", p.npi())
                    : segment(w, "NM1", "1P", "1", p.lastName(), p.firstName(), null, null, null, "XX", p.npi());
            boolean dependent = request.dependent() != null;
            Subscriber s = request.subscriber();
            count += segment(w, "HL", "4", "3", "22", dependent ? "1" : "0");
            if (!dependent && (s.dateOfBirth() != null || s.gender() != null)) {
                count += segment(w, "DMG", "D8", date(s.dateOfBirth()), s.gender());
            }
            count += segment(w, "NM1", "IL", "1", s.lastName(), s.firstName(), null, null, null, "MI", s.memberId());
            if (!dependent) {
                count += claim(w, request.claim(), traceNumber);
            } else {
                Dependent dep = request.dependent();
                count += segment(w, "HL", "5", "4", "23");
                count += segment(w, "DMG", "D8", date(dep.dateOfBirth()), dep.gender());
                count += segment(w, "NM1", "QC", "1", dep.lastName(), dep.firstName());
                count += claim(w, request.claim(), traceNumber);
            }
            count++;
            segment(w, "SE", Integer.toString(count), st);
            EnvelopeWriter.end(w, envelope);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("276 could not be written: " + e.getMessage(), e);
        }
        return new Eligibility270Writer.Written(out.toString(StandardCharsets.UTF_8), traceNumber, d);
    }

    private static int claim(EDIStreamWriter w, ClaimReference c, String trace) throws EDIStreamException {
        int count = segment(w, "TRN", "1", trace);
        if (c.payerClaimNumber() != null) {
            count += segment(w, "REF", "1K", c.payerClaimNumber());
        }
        count += segment(w, "REF", "EJ", c.patientControlNumber());
        if (c.totalCharge() != null) {
            count += segment(w, "AMT", "T3", c.totalCharge().stripTrailingZeros().toPlainString());
        }
        count += segment(w, "DTP", "472", "RD8", date(c.serviceDateFrom()) + "-" + date(c.serviceDateTo()));
        return count;
    }

    private static List<String> values(ClaimStatusRequest r, String... more) {
        List<String> v = new ArrayList<>(List.of(more));
        v.add(r.provider().organizationName());
        v.add(r.provider().lastName());
        v.add(r.provider().firstName());
        v.add(r.subscriber().memberId());
        v.add(r.subscriber().lastName());
        v.add(r.subscriber().firstName());
        v.add(r.claim().patientControlNumber());
        v.add(r.claim().payerClaimNumber());
        if (r.dependent() != null) {
            v.add(r.dependent().lastName());
            v.add(r.dependent().firstName());
        }
        return v;
    }
}
