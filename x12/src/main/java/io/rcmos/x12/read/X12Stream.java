package io.rcmos.x12.read;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Streams an interchange through StAEDI (any delimiters declared in ISA, CR/LF between segments, a byte-order mark)
 * straight into a {@link Handler}: no segment is kept once it has been handed over. Only the segments the handler
 * asks for have their element values taken from StAEDI, into one {@link Fields} reused from segment to segment.
 * StAEDI's envelope and syntax findings come back as problems, exactly as {@link X12Tokens} reports them. Never
 * throws on bad input.
 */
final class X12Stream {

    /** What a reader does with the segments as they end. */
    interface Handler {

        /** Whether this segment's elements are wanted (its {@link #segment} call then sees them). */
        boolean wants(String tag);

        /** A wanted segment, once its elements are in (or where reading stopped). Valid only during the call. */
        void segment(Fields segment);
    }

    private X12Stream() {
    }

    /** Reads {@code bytes} into {@code handler}; returns StAEDI's findings. */
    static List<X12Problem> read(byte[] bytes, Handler handler) {
        List<X12Problem> problems = new ArrayList<>();
        Fields fields = new Fields();
        String[] known = new String[256]; // tags and short codes seen in this read: one String each, not one per occurrence
        int ordinal = 0;
        String tag = null;
        boolean open = false; // a wanted segment started and not yet handed over
        try (InputStream in = input(bytes); EDIStreamReader r = factory().createEDIStreamReader(in)) {
            boolean inComposite = false;
            int component = 0;
            while (r.hasNext()) {
                EDIStreamEvent e = r.next();
                switch (e) {
                    case START_SEGMENT -> {
                        if (open) {
                            handler.segment(fields); // StAEDI ends every segment; this is for safety only
                        }
                        tag = text(r, known);
                        ordinal++;
                        open = handler.wants(tag);
                        if (open) {
                            fields.start(tag, ordinal);
                        }
                    }
                    case END_SEGMENT -> {
                        if (open) {
                            open = false;
                            handler.segment(fields);
                        }
                    }
                    case START_COMPOSITE -> {
                        inComposite = true;
                        component = 0;
                    }
                    case END_COMPOSITE -> inComposite = false;
                    case ELEMENT_DATA -> {
                        if (open) {
                            Location at = r.getLocation();
                            component = inComposite ? component + 1 : 1;
                            fields.value(at.getElementPosition(), at.getElementOccurrence(), component,
                                    r.getTextLength() <= SHORT ? text(r, known) : r.getText());
                        }
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> problems.add(problem(r, e, ordinal, tag));
                    default -> {
                    }
                }
            }
        } catch (EDIStreamException | RuntimeException e) {
            problems.add(unreadable(ordinal, e));
        } catch (IOException e) {
            problems.add(unreadableIo(ordinal));
        }
        if (open) {
            handler.segment(fields); // where reading stopped: what the segment had so far
        }
        return problems;
    }

    /** Values up to this length (segment tags, codes, qualifiers) are looked up among those already seen. */
    private static final int SHORT = 3;

    /** The current event's text: the String already made for the same characters, or a new one, remembered. */
    private static String text(EDIStreamReader r, String[] known) {
        int length = r.getTextLength();
        if (length == 0) {
            return "";
        }
        char[] chars = r.getTextCharacters();
        int start = r.getTextStart();
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[start + i];
        }
        int slot = (hash ^ (hash >>> 8)) & (known.length - 1);
        String seen = known[slot];
        if (seen != null && seen.length() == length) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = seen.charAt(i) == chars[start + i];
            }
            if (same) {
                return seen;
            }
        }
        String text = new String(chars, start, length);
        known[slot] = text;
        return text;
    }

    static InputStream input(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        return new ByteArrayInputStream(bytes, start, bytes.length - start);
    }

    static EDIInputFactory factory() {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        return factory;
    }

    /** StAEDI's finding. The text of an element error is the element's value (it may be PHI): only a segment error's (its tag) is quoted. */
    static X12Problem problem(EDIStreamReader r, EDIStreamEvent e, int ordinal, String tag) {
        return new X12Problem(ProblemCode.of(r.getErrorType()), ordinal, tag, Math.max(0, r.getLocation().getElementPosition()),
                r.getErrorType().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (e != EDIStreamEvent.SEGMENT_ERROR || r.getText() == null || r.getText().isBlank() ? "" : " (" + r.getText() + ")"));
    }

    static X12Problem unreadable(int ordinal, Exception e) {
        return new X12Problem(ProblemCode.UNREADABLE, ordinal, null, 0,
                "the input is not a readable X12 interchange: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    static X12Problem unreadableIo(int ordinal) {
        return new X12Problem(ProblemCode.UNREADABLE, ordinal, null, 0, "the input could not be read");
    }

    /**
     * The segment being read: per element, the components of its first repetition, and the first component of every
     * repetition that has one. Read the same way as {@link Segment}; reset, not reallocated, for the next segment.
     */
    static final class Fields {
        private String tag;
        private int ordinal;
        /** Per element position (1-based): the first repetition's components, and how many there are. */
        private String[][] components = new String[16][];
        private int[] componentCount = new int[16];
        /** Per element position: the non-empty first component of each repetition, in order. */
        private String[][] repetitions = new String[16][];
        private int[] repetitionCount = new int[16];
        private int elements;

        void start(String tag, int ordinal) {
            this.tag = tag;
            this.ordinal = ordinal;
            for (int i = 0; i <= elements && i < componentCount.length; i++) {
                componentCount[i] = 0;
                repetitionCount[i] = 0;
            }
            elements = 0;
        }

        void value(int position, int occurrence, int component, String value) {
            if (position < 1) {
                return;
            }
            if (position >= componentCount.length) {
                int size = Math.max(position + 1, componentCount.length * 2);
                components = Arrays.copyOf(components, size);
                componentCount = Arrays.copyOf(componentCount, size);
                repetitions = Arrays.copyOf(repetitions, size);
                repetitionCount = Arrays.copyOf(repetitionCount, size);
            }
            elements = Math.max(elements, position);
            if (occurrence <= 1) {
                String[] c = components[position];
                if (c == null || c.length < component) {
                    c = components[position] = c == null ? new String[Math.max(4, component)] : Arrays.copyOf(c, Math.max(component, c.length * 2));
                }
                c[component - 1] = value;
                componentCount[position] = component;
            }
            if (component == 1 && !value.isEmpty()) {
                String[] rep = repetitions[position];
                int n = repetitionCount[position];
                if (rep == null || rep.length == n) {
                    rep = repetitions[position] = rep == null ? new String[4] : Arrays.copyOf(rep, n * 2);
                }
                rep[n] = value;
                repetitionCount[position] = n + 1;
            }
        }

        String tag() {
            return tag;
        }

        int ordinal() {
            return ordinal;
        }

        /** The first component of the first repetition of element {@code position} (1-based), or null. */
        String get(int position) {
            return component(position, 1);
        }

        String component(int position, int component) {
            if (position < 1 || position > elements || component < 1 || componentCount[position] < component) {
                return null;
            }
            String v = components[position][component - 1];
            return v == null || v.isEmpty() ? null : v;
        }

        /** The non-empty first component of every repetition of element {@code position}. */
        List<String> repetitions(int position) {
            if (position < 1 || position > elements || repetitionCount[position] == 0) {
                return List.of();
            }
            return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(repetitions[position], repetitionCount[position])));
        }
    }
}
