package io.rcmos.server.platform.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The console's encoder: a short human line ({@code pattern}) by default, ECS JSON when {@code RCM_LOG_FORMAT} is
 * {@code json} (or {@code ecs}) — for containers, whose platform collects stdout.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%d{HH:mm:ss} %-5level %msg%n";
    private Charset charset = StandardCharsets.UTF_8;
    private Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    static boolean json(String format) {
        return "json".equals(format) || "ecs".equals(format);
    }

    @Override
    public void start() {
        if (json(format)) {
            StructuredLogEncoder ecs = new StructuredLogEncoder();
            ecs.setFormat("ecs");
            ecs.setCharset(charset);
            delegate = ecs;
        } else {
            if (!format.isEmpty() && !"text".equals(format)) {
                addWarn("RCM_LOG_FORMAT=" + format + " is neither text nor json: using text");
            }
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(charset);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
