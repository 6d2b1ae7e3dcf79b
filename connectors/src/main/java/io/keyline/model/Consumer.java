package io.keyline.model;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/** Who used a credential: the network address, the client, and the workload when known. */
@PublicEvolving
public class Consumer {

    private String sourceIp;
    private String userAgent;
    private String workload;

    public Consumer() {}

    public Consumer(String sourceIp, String userAgent, String workload) {
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.workload = workload;
    }

    public String getSourceIp() {
        return sourceIp;
    }

    public void setSourceIp(String sourceIp) {
        this.sourceIp = sourceIp;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public void setUserAgent(String userAgent) {
        this.userAgent = userAgent;
    }

    public String getWorkload() {
        return workload;
    }

    public void setWorkload(String workload) {
        this.workload = workload;
    }

    /** A stable key for this consumer, used to count distinct consumers of a credential. */
    public String key() {
        return (workload == null ? "" : workload)
                + '|'
                + (sourceIp == null ? "" : sourceIp)
                + '|'
                + (userAgent == null ? "" : userAgent);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Consumer)) {
            return false;
        }
        Consumer that = (Consumer) o;
        return Objects.equals(sourceIp, that.sourceIp)
                && Objects.equals(userAgent, that.userAgent)
                && Objects.equals(workload, that.workload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceIp, userAgent, workload);
    }

    @Override
    public String toString() {
        return "Consumer{ip=" + sourceIp + ", agent=" + userAgent + ", workload=" + workload + '}';
    }
}
