package io.rcmos.x12.write;

import io.rcmos.x12.model.ClaimReference;
import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.Dependent;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimStatus276WriterTest {

    private static final Envelope ENVELOPE = new Envelope("ZZ", "RCMOS", "ZZ", "STEDI", 'P', 900, 901, 20000,
            LocalDateTime.of(2026, 11, 24, 8, 0));

    private static ClaimStatusRequest request(Dependent dependent) {
        return new ClaimStatusRequest(new Provider("1999999984", "Sunrise Clinic", null, null, null),
                new Subscriber("RCMACTIVE01", "Maria", "Lopez", LocalDate.of(1985, 4, 12), "F"), dependent,
                new ClaimReference("PCN-PAID-1", "UHC26110100001", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2),
                        new BigDecimal("250.00")));
    }

    @Test
    void writesAValidClaimLevelRequest() throws Exception {
        String x12 = new ClaimStatus276Writer().write(request(null), "87726", "UnitedHealthcare", "Sunrise Clinic", "RCMOS",
                "TRN276", ENVELOPE).x12();
        var p = Eligibility270WriterTest.read(x12);
        assertThat(p.errors()).isEmpty();
        assertThat(p.segments()).extracting(s -> s.get(0)).containsExactly("ISA", "GS", "ST", "BHT", "HL", "NM1", "HL", "NM1",
                "HL", "NM1", "HL", "DMG", "NM1", "TRN", "REF", "REF", "AMT", "DTP", "SE", "GE", "IEA");
        assertThat(p.segment("GS")).contains("HR", "005010X212");
        assertThat(p.segment("ST")).containsExactly("ST", "276", "0001", "005010X212");
        assertThat(p.segment("SE")).containsExactly("SE", "17", "0001");
        assertThat(p.segment("AMT")).containsExactly("AMT", "T3", "250");
        assertThat(p.segment("DTP")).containsExactly("DTP", "472", "RD8", "20261001-20261002");
        assertThat(p.segments()).anySatisfy(s -> assertThat(s).containsExactly("REF", "EJ", "PCN-PAID-1"));
        assertThat(p.segments()).anySatisfy(s -> assertThat(s).containsExactly("REF", "1K", "UHC26110100001"));
        List<List<String>> hl = p.segments().stream().filter(s -> s.get(0).equals("HL")).toList();
        assertThat(hl).extracting(s -> s.get(3)).containsExactly("20", "21", "19", "22");
    }

    @Test
    void dependentClaimSitsAtTheDependentLevel() throws Exception {
        String x12 = new ClaimStatus276Writer().write(request(new Dependent("Lily", "Lopez", LocalDate.of(2015, 6, 1), "19", "F")),
                "87726", "UnitedHealthcare", "Sunrise Clinic", "RCMOS", "TRN2", ENVELOPE).x12();
        var p = Eligibility270WriterTest.read(x12);
        assertThat(p.errors()).isEmpty();
        List<List<String>> hl = p.segments().stream().filter(s -> s.get(0).equals("HL")).toList();
        assertThat(hl.get(3)).containsExactly("HL", "4", "3", "22", "1");
        assertThat(hl.get(4)).containsExactly("HL", "5", "4", "23");
        assertThat(p.segments()).anySatisfy(s -> assertThat(s).containsExactly("NM1", "QC", "1", "Lopez", "Lily"));
    }
}
