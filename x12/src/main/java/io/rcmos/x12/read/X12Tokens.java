package io.rcmos.x12.read;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokenises an interchange with StAEDI (any delimiters declared in ISA, CR/LF between segments, a byte-order mark)
 * into segments, and collects StAEDI's envelope and syntax findings as problems. Never throws on bad input.
 */
final class X12Tokens {

    /** The segments read and the problems found. */
    record Tokens(List<Segment> segments, List<X12Problem> problems) {
    }

    private X12Tokens() {
    }

    static Tokens read(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        List<Segment> segments = new ArrayList<>();
        List<X12Problem> problems = new ArrayList<>();
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        try (InputStream in = new ByteArrayInputStream(bytes, start, bytes.length - start);
             EDIStreamReader r = factory.createEDIStreamReader(in)) {
            List<List<List<String>>> elements = null;
            String tag = null;
            boolean inComposite = false;
            while (r.hasNext()) {
                EDIStreamEvent e = r.next();
                switch (e) {
                    case START_SEGMENT -> {
                        tag = r.getText();
                        elements = new ArrayList<>();
                        segments.add(new Segment(tag, segments.size() + 1, elements));
                    }
                    case START_COMPOSITE -> {
                        slot(elements, r.getLocation().getElementPosition(), r.getLocation().getElementOccurrence()).clear();
                        inComposite = true;
                    }
                    case END_COMPOSITE -> inComposite = false;
                    case ELEMENT_DATA -> {
                        if (elements == null) {
                            break;
                        }
                        List<String> repetition = slot(elements, r.getLocation().getElementPosition(), r.getLocation().getElementOccurrence());
                        if (!inComposite) {
                            repetition.clear();
                        }
                        repetition.add(r.getText());
                    }
                    // the text of an element error is the element's value (it may be PHI): only a segment error's (its tag) is quoted
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> problems.add(new X12Problem(
                            ProblemCode.of(r.getErrorType()), segments.size(), tag, Math.max(0, r.getLocation().getElementPosition()),
                            r.getErrorType().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                    + (e != EDIStreamEvent.SEGMENT_ERROR || r.getText() == null || r.getText().isBlank() ? "" : " (" + r.getText() + ")")));
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException | RuntimeException e) {
            problems.add(new X12Problem(ProblemCode.UNREADABLE, segments.size(), null, 0,
                    "the input is not a readable X12 interchange: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        } catch (IOException e) {
            problems.add(new X12Problem(ProblemCode.UNREADABLE, segments.size(), null, 0, "the input could not be read"));
        }
        return new Tokens(segments, problems);
    }

    private static List<String> slot(List<List<List<String>>> elements, int position, int occurrence) {
        while (elements.size() < position) {
            elements.add(new ArrayList<>());
        }
        List<List<String>> element = elements.get(position - 1);
        int index = Math.max(0, occurrence - 1);
        while (element.size() <= index) {
            element.add(new ArrayList<>());
        }
        return element.get(index);
    }
}
