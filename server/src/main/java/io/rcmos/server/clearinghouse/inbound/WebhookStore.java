package io.rcmos.server.clearinghouse.inbound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The one place that knows {@code webhook_deliveries}: which clearinghouse deliveries were accepted, and what they did. */
@Component
class WebhookStore {

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a delivery with this id was recorded already (Stedi retries for hours). */
    boolean seen(String deliveryId) {
        return jdbc.sql("select count(*) from webhook_deliveries where delivery_id = ?").param(deliveryId).query(Integer.class).single() > 0;
    }

    /** Records a delivery; false when another request recorded it first. */
    boolean record(String deliveryId, String eventType, String transactionId) {
        return jdbc.sql("insert into webhook_deliveries (delivery_id, event_type, transaction_id) values (?, ?, ?) on conflict do nothing")
                .params(deliveryId, eventType, transactionId).update() > 0;
    }

    /** How many runs the delivery's report amended. */
    void attachedRuns(String deliveryId, int attached) {
        jdbc.sql("update webhook_deliveries set attached_runs = ? where delivery_id = ?").params(attached, deliveryId).update();
    }
}
