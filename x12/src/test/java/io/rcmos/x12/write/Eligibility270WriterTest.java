package io.rcmos.x12.write;

import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Eligibility270WriterTest {

    private static final Envelope ENVELOPE = new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'T', 42, 7, 12,
            LocalDateTime.of(2026, 11, 24, 23, 5));

    /** Segments as lists of element values (element 0 = tag, composite/repeated values joined by '|'), plus errors. */
    record Parsed(List<List<String>> segments, List<String> errors) {
        List<String> segment(String tag) {
            return segments.stream().filter(s -> s.get(0).equals(tag)).findFirst().orElseThrow();
        }
    }

    static Parsed read(String x12) throws Exception {
        List<List<String>> segments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (EDIStreamReader r = EDIInputFactory.newFactory().createEDIStreamReader(new ByteArrayInputStream(x12.getBytes(StandardCharsets.UTF_8)))) {
            List<String> current = null;
            while (r.hasNext()) {
                EDIStreamEvent e = r.next();
                switch (e) {
                    case START_SEGMENT -> {
                        current = new ArrayList<>();
                        current.add(r.getText());
                        segments.add(current);
                    }
                    case ELEMENT_DATA -> {
                        int pos = r.getLocation().getElementPosition();
                        while (current.size() <= pos) {
                            current.add("");
                        }
                        String prior = current.get(pos);
                        current.set(pos, prior.isEmpty() ? r.getText() : prior + "|" + r.getText());
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR ->
                            errors.add(e + " " + r.getErrorType() + " at " + r.getLocation());
                    default -> {
                    }
                }
            }
        }
        return new Parsed(segments, errors);
    }

    private static EligibilityRequest subscriberRequest(String last) {
        return new EligibilityRequest(new Provider("1999999984", "Sunrise Clinic", null, null, null),
                new Subscriber("UHC202649", "John", last, LocalDate.of(1980, 1, 31), "M"), null,
                List.of("30", "98"), LocalDate.of(2026, 11, 24));
    }

    @Test
    void writesAValidSubscriberInquiryWithItsEnvelope() throws Exception {
        var written = new Eligibility270Writer().write(subscriberRequest("Doe"), "87726", "UnitedHealthcare", "TRACE123", ENVELOPE);
        String x12 = written.x12();
        assertThat(x12).startsWith("ISA*00*          *00*          *ZZ*RCMOS          *ZZ*STEDI          *261124*2305*^*00501*000000042*0*T*:~");
        assertThat(x12.indexOf('~')).as("ISA is fixed width").isEqualTo(105);
        Parsed p = read(x12);
        assertThat(p.errors()).isEmpty();
        assertThat(p.segments()).extracting(s -> s.get(0)).containsExactly("ISA", "GS", "ST", "BHT", "HL", "NM1", "HL", "NM1", "HL",
                "TRN", "NM1", "DMG", "DTP", "EQ", "SE", "GE", "IEA");
        assertThat(p.segment("GS")).containsSubsequence("HS", "RCMOS", "STEDI", "20261124", "2305", "7", "X", "005010X279A1");
        assertThat(p.segment("ST")).containsExactly("ST", "270", "0012", "005010X279A1");
        assertThat(p.segment("SE")).containsExactly("SE", "13", "0012");
        assertThat(p.segment("GE")).containsExactly("GE", "1", "7");
        assertThat(p.segment("IEA")).containsExactly("IEA", "1", "000000042");
        assertThat(p.segment("TRN")).containsExactly("TRN", "1", "TRACE123", "9RCMOS0001");
        assertThat(p.segments().get(10)).containsExactly("NM1", "IL", "1", "Doe", "John", "", "", "", "MI", "UHC202649");
        assertThat(p.segment("EQ").get(1)).isEqualTo("30|98");
        assertThat(p.segment("DMG")).containsExactly("DMG", "D8", "19800131", "M");
    }

    @Test
    void dependentInquiryAddsTheDependentLevel() throws Exception {
        EligibilityRequest r = new EligibilityRequest(new Provider("1999999984", "Sunrise Clinic", null, null, null),
                new Subscriber("UHC202649", "John", "Doe", null, null),
                new Dependent("Jane", "Doe", LocalDate.of(1952, 11, 21), "01", "F"), List.of("30"), null);
        Parsed p = read(new Eligibility270Writer().write(r, "87726", "UnitedHealthcare", "T2", ENVELOPE).x12());
        assertThat(p.errors()).isEmpty();
        List<List<String>> hl = p.segments().stream().filter(s -> s.get(0).equals("HL")).toList();
        assertThat(hl).extracting(s -> s.get(3)).containsExactly("20", "21", "22", "23");
        assertThat(hl.get(2).get(4)).as("subscriber has a child level").isEqualTo("1");
        assertThat(hl.get(3)).containsExactly("HL", "4", "3", "23", "0");
        assertThat(p.segments()).anySatisfy(s -> assertThat(s).containsExactly("NM1", "03", "1", "Doe", "Jane"));
        assertThat(p.segments()).anySatisfy(s -> assertThat(s).containsExactly("INS", "N", "01"));
    }

    @Test
    void delimitersMoveAwayFromTheData() throws Exception {
        var written = new Eligibility270Writer().write(subscriberRequest("O*Brien~Smith"), "87726", "UHC", "T3", ENVELOPE);
        assertThat(written.delimiters().element()).isNotEqualTo('*');
        assertThat(written.delimiters().segment()).isNotEqualTo('~');
        Parsed p = read(written.x12());
        assertThat(p.errors()).isEmpty();
        assertThat(p.segments().get(10).get(3)).isEqualTo("O*Brien~Smith");
    }
}
