package io.rcmos.x12.write;

import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static io.rcmos.x12.write.Eligibility270Writer.DATE6;
import static io.rcmos.x12.write.Eligibility270Writer.DATE8;
import static io.rcmos.x12.write.Eligibility270Writer.TIME;
import static io.rcmos.x12.write.Eligibility270Writer.pad;
import static io.rcmos.x12.write.Eligibility270Writer.segment;

/** The interchange/group envelope shared by the 270 and 276 writers: ISA/GS before, GE/IEA after one transaction. */
final class EnvelopeWriter {

    private EnvelopeWriter() {
    }

    static EDIStreamWriter open(OutputStream out, X12Delimiters d) throws EDIStreamException {
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIStreamConstants.Delimiters.SEGMENT, d.segment());
        factory.setProperty(EDIStreamConstants.Delimiters.DATA_ELEMENT, d.element());
        factory.setProperty(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, d.component());
        factory.setProperty(EDIStreamConstants.Delimiters.REPETITION, d.repetition());
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        EDIStreamWriter writer = factory.createEDIStreamWriter(out, StandardCharsets.UTF_8.name());
        // StAEDI checks the envelope (segment order, counts, control numbers) only against a control schema
        writer.setControlSchema(CONTROL_SCHEMA);
        return writer;
    }

    private static final io.xlate.edi.schema.Schema CONTROL_SCHEMA = loadControlSchema();

    private static io.xlate.edi.schema.Schema loadControlSchema() {
        try {
            return io.xlate.edi.schema.SchemaFactory.newFactory().getControlSchema(EDIStreamConstants.Standards.X12, new String[]{"00501"});
        } catch (io.xlate.edi.schema.EDISchemaException e) {
            throw new IllegalStateException("StAEDI's X12 control schema is missing", e);
        }
    }

    static void begin(EDIStreamWriter w, Envelope e, X12Delimiters d, String functionalId, String version) throws EDIStreamException {
        w.startInterchange();
        segment(w, "ISA", "00", pad("", 10), "00", pad("", 10), e.senderQualifier(), pad(e.senderId(), 15),
                e.receiverQualifier(), pad(e.receiverId(), 15), DATE6.format(e.created()), TIME.format(e.created()),
                String.valueOf(d.repetition()), "00501", String.format("%09d", e.interchangeControl()), "0",
                String.valueOf(e.usage()), String.valueOf(d.component()));
        segment(w, "GS", functionalId, e.senderId(), e.receiverId(), DATE8.format(e.created()), TIME.format(e.created()),
                Long.toString(e.groupControl()), "X", version);
    }

    static void end(EDIStreamWriter w, Envelope e) throws EDIStreamException {
        segment(w, "GE", "1", Long.toString(e.groupControl()));
        segment(w, "IEA", "1", String.format("%09d", e.interchangeControl()));
        w.endInterchange();
    }

    /** ST02: four digits from the transaction control number (never 0000). */
    static String transactionNumber(Envelope e) {
        long n = e.transactionControl() % 10_000;
        return String.format("%04d", n == 0 ? 1 : n);
    }
}
