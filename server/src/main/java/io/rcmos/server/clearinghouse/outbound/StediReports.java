package io.rcmos.server.clearinghouse.outbound;

import io.rcmos.server.clearinghouse.ClaimStatusReport;
import io.rcmos.server.clearinghouse.ClaimStatusReportSource;
import io.rcmos.x12.read.ClaimStatus277Reader;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * The 277 reports a webhook announces, fetched from Stedi's report endpoint and read: the raw 277 when the report
 * carries one, Stedi's JSON otherwise.
 */
@Component
class StediReports implements ClaimStatusReportSource {

    private final StediClient client;

    StediReports(StediClient client) {
        this.client = client;
    }

    @Override
    public ClaimStatusReport fetch(String transactionId) throws Unavailable {
        StediClient.Reply reply = client.get("/change/medicalnetwork/reports/v2/" + transactionId + "/277");
        if (reply.transportFailed()) {
            throw new Unavailable(reply.failure());
        }
        if (reply.status() != 200 || reply.body() == null) {
            throw new Unavailable("report answered HTTP " + reply.status());
        }
        String x12 = StediEligibility.text(reply.body(), "x12");
        if (x12 != null) {
            var read = new ClaimStatus277Reader().read(x12.getBytes(StandardCharsets.UTF_8));
            if (read.result() != null && !read.result().claims().isEmpty()) {
                return new ClaimStatusReport(read.result(), x12);
            }
        }
        return new ClaimStatusReport(StediClaimStatus.result(reply.body()), x12);
    }
}
