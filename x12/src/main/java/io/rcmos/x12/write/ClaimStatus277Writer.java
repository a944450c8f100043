package io.rcmos.x12.write;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.Subscriber;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.rcmos.x12.write.Eligibility270Writer.DATE8;
import static io.rcmos.x12.write.Eligibility270Writer.TIME;
import static io.rcmos.x12.write.Eligibility270Writer.date;
import static io.rcmos.x12.write.Eligibility270Writer.segment;

/**
 * Writes a 277 claim status response (005010X212) from a {@link ClaimStatusResult} — what a payer (here: the
 * simulator) answers to a 276. One payer (2000A), receiver (2000B), provider (2000C) and subscriber (2000D); each
 * claim is a 2200D with TRN*2 echoing the inquiry's trace, one STC per status (category:status:entity, date, charge,
 * paid, check date and number on the first), REF*1K / REF*EJ and DTP*472; each service line a 2220D SVC with its
 * STCs and DTP*472. A result with no claims answers with a D0 "not found" status under the subscriber.
 */
public final class ClaimStatus277Writer {

    /** Who asked and about whom: the parties of the 276 this 277 answers. */
    public record Parties(String payerName, String payerId, String receiverName, String receiverId, String providerName,
                          String npi, Subscriber subscriber) {
    }

    public String write(ClaimStatusResult r, Parties p, String traceNumber, Envelope envelope) {
        X12Delimiters d = X12Delimiters.choose(values(r, p, traceNumber));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String st = EnvelopeWriter.transactionNumber(envelope);
        try (EDIStreamWriter w = EnvelopeWriter.open(out, d)) {
            EnvelopeWriter.begin(w, envelope, d, "HN", ClaimStatus276Writer.VERSION);
            int count = 0;
            count += segment(w, "ST", "277", st, ClaimStatus276Writer.VERSION);
            count += segment(w, "BHT", "0010", "08", traceNumber, DATE8.format(envelope.created()), TIME.format(envelope.created()), "DG");
            count += segment(w, "HL", "1", null, "20", "1");
            count += segment(w, "NM1", "PR", "2", p.payerName(), null, null, null, null, "PI", p.payerId());
            count += segment(w, "HL", "2", "1", "21", "1");
            count += segment(w, "NM1", "41", "2", p.receiverName(), null, null, null, null, "46", p.receiverId());
            count += segment(w, "HL", "3", "2", "19", "1");
            count += segment(w, "NM1", "1P", "2", p.providerName(), null, null, null, null, "XX", p.npi());
            count += segment(w, "HL", "4", "3", "22", "0");
            Subscriber s = p.subscriber();
            count += segment(w, "NM1", "IL", "1", s.lastName(), s.firstName(), null, null, null, "MI", s.memberId());
            LocalDate today = envelope.created().toLocalDate();
            if (r.claims().isEmpty()) {
                count += segment(w, "TRN", "2", traceNumber);
                count += stc(w, new ClaimStatusResult.Status("D0", "35", "PR", today), today, null, null, null, null);
            }
            for (ClaimStatusResult.Claim c : r.claims()) {
                count += claim(w, c, traceNumber, today);
            }
            count++;
            segment(w, "SE", Integer.toString(count), st);
            EnvelopeWriter.end(w, envelope);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("277 could not be written: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int claim(EDIStreamWriter w, ClaimStatusResult.Claim c, String trace, LocalDate today) throws EDIStreamException {
        int count = segment(w, "TRN", "2", trace);
        List<ClaimStatusResult.Status> statuses = statuses(c.statuses(), c.statusCategoryCode(), c.statusCode(), c.entityCode(), c.effectiveDate());
        for (int i = 0; i < statuses.size(); i++) {
            ClaimStatusResult.Status st = statuses.get(i);
            LocalDate effective = st.effectiveDate() != null ? st.effectiveDate() : today;
            count += i == 0
                    ? stc(w, st, effective, c.totalCharge(), c.amountPaid(), c.paidDate(), c.checkNumber())
                    : stc(w, st, effective, null, null, null, null);
        }
        if (c.payerClaimNumber() != null) {
            count += segment(w, "REF", "1K", c.payerClaimNumber());
        }
        if (c.patientControlNumber() != null) {
            count += segment(w, "REF", "EJ", c.patientControlNumber());
        }
        if (c.serviceDateFrom() != null) {
            LocalDate to = c.serviceDateTo() == null ? c.serviceDateFrom() : c.serviceDateTo();
            count += to.equals(c.serviceDateFrom())
                    ? segment(w, "DTP", "472", "D8", date(c.serviceDateFrom()))
                    : segment(w, "DTP", "472", "RD8", date(c.serviceDateFrom()) + "-" + date(to));
        }
        for (ClaimStatusResult.ServiceLine line : c.serviceLines()) {
            count += serviceLine(w, line, c, today);
        }
        return count;
    }

    private static int serviceLine(EDIStreamWriter w, ClaimStatusResult.ServiceLine line, ClaimStatusResult.Claim c, LocalDate today)
            throws EDIStreamException {
        w.writeStartSegment("SVC");
        w.writeStartElement();
        w.writeComponent("HC");
        w.writeComponent(line.procedureCode());
        w.endElement();
        w.writeElement(amount(line.charge()));
        w.writeElement(amount(line.paid() == null ? BigDecimal.ZERO : line.paid()));
        w.writeEmptyElement(); // SVC04 revenue code
        w.writeEmptyElement(); // SVC05, SVC06 not used
        w.writeEmptyElement();
        w.writeElement("1"); // SVC07 units of service (required in 2220D)
        w.writeEndSegment();
        int count = 1;
        for (ClaimStatusResult.Status st : statuses(line.statuses(), line.statusCategoryCode(), line.statusCode(), null, null)) {
            count += stc(w, st, st.effectiveDate() != null ? st.effectiveDate() : today, null, null, null, null);
        }
        LocalDate date = line.serviceDate() != null ? line.serviceDate() : c.serviceDateFrom();
        if (date != null) {
            count += segment(w, "DTP", "472", "D8", date(date));
        }
        return count;
    }

    private static List<ClaimStatusResult.Status> statuses(List<ClaimStatusResult.Status> statuses, String category, String code,
                                                           String entity, LocalDate effective) {
        if (statuses != null && !statuses.isEmpty()) {
            return statuses;
        }
        return category == null ? List.of() : List.of(new ClaimStatusResult.Status(category, code, entity, effective));
    }

    /** STC01 composite, STC02 date; on a claim's first STC also STC04 charge, STC05 paid, STC08 check date, STC09 check number. */
    private static int stc(EDIStreamWriter w, ClaimStatusResult.Status st, LocalDate effective, BigDecimal charge, BigDecimal paid,
                           LocalDate checkDate, String checkNumber) throws EDIStreamException {
        w.writeStartSegment("STC");
        w.writeStartElement();
        w.writeComponent(st.categoryCode());
        w.writeComponent(st.statusCode() == null ? "" : st.statusCode());
        if (st.entityCode() != null) {
            w.writeComponent(st.entityCode());
        }
        w.endElement();
        w.writeElement(date(effective));
        List<String> rest = new ArrayList<>();
        rest.add(null); // STC03 action code: not used in X212
        rest.add(amount(charge));
        rest.add(amount(paid));
        rest.add(null); // STC06 adjudication date
        rest.add(null); // STC07 payment method
        rest.add(checkDate == null ? null : date(checkDate));
        rest.add(checkNumber);
        while (!rest.isEmpty() && rest.get(rest.size() - 1) == null) {
            rest.remove(rest.size() - 1);
        }
        for (String v : rest) {
            if (v == null) {
                w.writeEmptyElement();
            } else {
                w.writeElement(v);
            }
        }
        w.writeEndSegment();
        return 1;
    }

    private static String amount(BigDecimal v) {
        return v == null ? null : v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static List<String> values(ClaimStatusResult r, Parties p, String trace) {
        List<String> v = new ArrayList<>(List.of(trace));
        v.add(p.payerName());
        v.add(p.payerId());
        v.add(p.receiverName());
        v.add(p.receiverId());
        v.add(p.providerName());
        v.add(p.npi());
        v.add(p.subscriber().memberId());
        v.add(p.subscriber().firstName());
        v.add(p.subscriber().lastName());
        for (ClaimStatusResult.Claim c : r.claims()) {
            v.add(c.payerClaimNumber());
            v.add(c.patientControlNumber());
            v.add(c.checkNumber());
            c.serviceLines().forEach(l -> v.add(l.procedureCode()));
        }
        return v;
    }
}
