package io.rcmos.x12.read;

import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokenises an interchange with StAEDI (any delimiters declared in ISA, CR/LF between segments, a byte-order mark)
 * into segments, and collects StAEDI's envelope and syntax findings as problems. Never throws on bad input. For the
 * validator and the readers that need whole segments; the 271 and 277 readers stream through {@link X12Stream}.
 */
final class X12Tokens {

    /** The segments read and the problems found. */
    record Tokens(List<Segment> segments, List<X12Problem> problems) {
    }

    private X12Tokens() {
    }

    static Tokens read(byte[] bytes) {
        List<Segment> segments = new ArrayList<>();
        List<X12Problem> problems = new ArrayList<>();
        try (InputStream in = X12Stream.input(bytes); EDIStreamReader r = X12Stream.factory().createEDIStreamReader(in)) {
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
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> problems.add(X12Stream.problem(r, e, segments.size(), tag));
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException | RuntimeException e) {
            problems.add(X12Stream.unreadable(segments.size(), e));
        } catch (IOException e) {
            problems.add(X12Stream.unreadableIo(segments.size()));
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
