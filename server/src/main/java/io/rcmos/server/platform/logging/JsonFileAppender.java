package io.rcmos.server.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

import java.nio.charset.StandardCharsets;

/**
 * The full log as ECS JSON lines in {@code rcm.log.file} (default {@code RCM_HOME/logs/rcm.json}), rolled daily and at
 * {@code maxFileSize}, {@code maxHistory} days kept (compressed). A blank file name or {@code off} (the tests) turns it off.
 */
public class JsonFileAppender extends RollingFileAppender<ILoggingEvent> {

    private String file;
    private String maxFileSize = "50MB";
    private int maxHistory = 14;
    private String totalSizeCap = "1GB";

    @Override
    public void setFile(String file) {
        this.file = file;
        super.setFile(file);
    }

    public void setMaxFileSize(String maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public void setMaxHistory(int maxHistory) {
        this.maxHistory = maxHistory;
    }

    public void setTotalSizeCap(String totalSizeCap) {
        this.totalSizeCap = totalSizeCap;
    }

    @Override
    public void start() {
        if (file == null || file.isBlank() || "off".equalsIgnoreCase(file.strip())) {
            addInfo("no log file (rcm.log.file is blank or off)");
            return;
        }
        StructuredLogEncoder ecs = new StructuredLogEncoder();
        ecs.setFormat("ecs");
        ecs.setCharset(StandardCharsets.UTF_8);
        ecs.setContext(getContext());
        ecs.start();
        setEncoder(ecs);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(getContext());
        policy.setParent(this);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        policy.setMaxFileSize(FileSize.valueOf(maxFileSize));
        policy.setMaxHistory(maxHistory);
        policy.setTotalSizeCap(FileSize.valueOf(totalSizeCap));
        policy.start();
        setRollingPolicy(policy); // a SizeAndTimeBasedRollingPolicy is its own triggering policy
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (isStarted()) {
            super.append(event);
        }
    }
}
