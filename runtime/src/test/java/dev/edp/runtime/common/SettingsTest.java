package dev.edp.runtime.common;

import dev.edp.runtime.cur.CurSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final Map<String, String> CUR = Map.of("EDP_ENVIRONMENT", "dev", "EDP_TABLE_NAME", "t",
            "EDP_NOTIFICATIONS_TOPIC_ARN", "arn:aws:sns:us-east-1:1:n", "EDP_CURATED_BUCKET", "c");

    @Test
    void curSettingsHaveSafeDefaults() {
        CurSettings settings = CurSettings.from(new Settings(CUR));

        assertThat(settings.anomalyRule().factor()).isEqualByComparingTo(BigDecimal.valueOf(2));
        assertThat(settings.anomalyRule().windowDays()).isEqualTo(7);
        assertThat(settings.anomalyRule().minHistoryDays()).isEqualTo(3);
        assertThat(settings.maxReceiveCount()).isEqualTo(3);
    }

    @Test
    void errorsNameTheVariable() {
        assertThatThrownBy(() -> CurSettings.from(new Settings(Map.of("EDP_ENVIRONMENT", "dev"))))
                .hasMessage("environment variable EDP_TABLE_NAME is not set");
        Map<String, String> wrong = new java.util.HashMap<>(CUR);
        wrong.put("EDP_ANOMALY_FACTOR", "-1");
        assertThatThrownBy(() -> CurSettings.from(new Settings(wrong)))
                .hasMessage("environment variable EDP_ANOMALY_FACTOR must be a positive number, got '-1'");
        wrong.put("EDP_ENVIRONMENT", "qa");
        assertThatThrownBy(() -> CurSettings.from(new Settings(wrong))).hasMessageContaining("EDP_ENVIRONMENT must be one of");
    }

    @Test
    void snsSubjectsArePrintableAndShort() {
        assertThat(Notifier.subject("a\nb")).isEqualTo("a?b");
        assertThat(Notifier.subject("x".repeat(150))).hasSize(100).endsWith("...");
    }
}
