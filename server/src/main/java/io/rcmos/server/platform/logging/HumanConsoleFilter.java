package io.rcmos.server.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the human console short: every warning and error, RCM OS's own information (start, embedded engines, the
 * first admin, runs and batches) and the web server's port; the libraries' information lines stay in the JSON file.
 * With {@code RCM_LOG_FORMAT=json} the console gets everything the file gets.
 */
public class HumanConsoleFilter extends Filter<ILoggingEvent> {

    private boolean json;

    public void setFormat(String format) {
        this.json = ConsoleEncoder.json(format == null ? "" : format.trim().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!json && event.getLevel() == Level.WARN && event.getLoggerName().endsWith("ApplicationContext")
                && String.valueOf(event.getMessage()).startsWith("Exception encountered during context initialization")) {
            // Spring's screenful of bean names; "Application run failed" follows with the cause in one line
            return FilterReply.DENY;
        }
        if (json || event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        String logger = event.getLoggerName();
        if (logger.startsWith("io.rcmos.") || logger.endsWith(".TomcatWebServer")) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }
}
