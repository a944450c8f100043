package io.rcmos.x12.read;

import io.rcmos.x12.model.Acknowledgement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgementReaderTest {

    /** A problem's code in its wire form (the CLI's and the API's text). */
    private static String code(X12Problem p) {
        return p.code().name();
    }

    private final AcknowledgementReader reader = new AcknowledgementReader();

    @Test
    void accepted999() throws IOException {
        var read = reader.read(Samples.bytes("999-imsweb-accepted.x12"));
        Acknowledgement.GroupAck group = read.result().groups().get(0);
        assertThat(group.functionalId()).isEqualTo("HC");
        assertThat(group.groupControlNumber()).isEqualTo("17456");
        assertThat(group.status()).isEqualTo("A");
        assertThat(group.statusDescription()).isEqualTo("Accepted");
        assertThat(group.sets()).singleElement().satisfies(s -> {
            assertThat(s.transactionSetId()).isEqualTo("837");
            assertThat(s.status()).isEqualTo("A");
            assertThat(s.segments()).isEmpty();
        });
        // SOURCES.md: IEA02 (000000001) differs from ISA13 (000000286) in this file
        assertThat(read.problems()).anySatisfy(p -> assertThat(p.tag()).isEqualTo("IEA"));
    }

    @Test
    void rejected999NamesTheSegmentAndItsError() throws IOException {
        var read = reader.read(Samples.bytes("999-imsweb-rejected.x12"));
        Acknowledgement.SetAck set = read.result().groups().get(0).sets().get(0);
        assertThat(read.result().groups().get(0).status()).isEqualTo("R");
        assertThat(read.result().groups().get(0).setsAccepted()).isZero();
        assertThat(set.status()).isEqualTo("R");
        assertThat(set.errorCodes()).containsExactly("5");
        assertThat(set.segments()).singleElement().satisfies(e -> {
            assertThat(e.segmentId()).isEqualTo("NM");
            assertThat(e.position()).isEqualTo(17);
            assertThat(e.code()).isEqualTo("1");
            assertThat(e.description()).isEqualTo("Unrecognized segment ID");
        });
    }

    @Test
    void partiallyAccepted999KeepsEverySetElementAndContext() throws IOException {
        var read = reader.read(Samples.bytes("999-stupidedi-3-837s.x12"));
        assertThat(read.problems()).isEmpty();
        Acknowledgement.GroupAck group = read.result().groups().get(0);
        assertThat(group.status()).isEqualTo("P");
        assertThat(group.statusDescription()).startsWith("Partially accepted");
        assertThat(group.setsIncluded()).isEqualTo(3);
        assertThat(group.setsAccepted()).isEqualTo(1);
        assertThat(group.sets()).extracting(Acknowledgement.SetAck::status).containsExactly("A", "R", "R");
        Acknowledgement.SegmentError clm = group.sets().get(1).segments().get(0);
        assertThat(clm.segmentId()).isEqualTo("CLM");
        assertThat(clm.code()).isEqualTo("8");
        assertThat(clm.context()).containsExactly("CLM01:123456789");
        assertThat(clm.elements()).singleElement().satisfies(e -> {
            assertThat(e.position()).isEqualTo("2");
            assertThat(e.referenceNumber()).isEqualTo("782");
            assertThat(e.description()).isEqualTo("Required data element missing");
        });
        assertThat(group.sets().get(2).segments().get(0).context())
                .containsExactly("SITUATIONAL TRIGGER CLM 43 5:3", "CLM01:987654321");
    }

    @Test
    void ta1IsRecognised() {
        String ta1 = "ISA*00*          *00*          *ZZ*STEDI          *ZZ*RCMOS          *261124*0900*^*00501*000000042*0*T*:~"
                + "TA1*000000017*261124*0859*R*022~IEA*0*000000042~";
        var read = reader.read(ta1.getBytes());
        assertThat(read.problems()).isEmpty();
        Acknowledgement.InterchangeAck ack = read.result().interchange();
        assertThat(ack.controlNumber()).isEqualTo("000000017");
        assertThat(ack.date()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(ack.status()).isEqualTo("R");
        assertThat(ack.note()).isEqualTo("Invalid control structure");
        assertThat(read.result().groups()).isEmpty();
    }

    @Test
    void somethingElseIsNotAnAcknowledgement() throws IOException {
        var read = reader.read(Samples.bytes("271-lfh-subscriber.x12"));
        assertThat(read.result()).isNull();
        assertThat(read.problems()).extracting(AcknowledgementReaderTest::code).contains("NOT_AN_ACKNOWLEDGEMENT");
    }
}
