package fr.socle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SocleServiceExceptionTest {

  @Test
  void message_carriesStatusCodeAndCorrelationId() {
    SocleServiceException e =
        new SocleServiceException("token request failed", 400, "invalid_grant", "c-1");
    assertThat(e.getMessage())
        .isEqualTo("token request failed (HTTP 400, code invalid_grant, correlation id c-1)");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.errorCode()).contains("invalid_grant");
    assertThat(e.correlationId()).contains("c-1");
    assertThat(e).isInstanceOf(SocleException.class);
  }

  @Test
  void message_withoutHttpStatus_namesOnlyTheCode() {
    SocleServiceException e = new SocleServiceException("PayFiP fault", 0, "P1", null);
    assertThat(e.getMessage()).isEqualTo("PayFiP fault (code P1)");
    assertThat(e.correlationId()).isEmpty();
    assertThat(new SocleServiceException("plain", 0, null, null).getMessage()).isEqualTo("plain");
  }

  @Test
  void rateLimited_exposesRetryAfter() {
    RateLimitedException e =
        new RateLimitedException("slow down", 429, Duration.ofSeconds(3), null);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(e.statusCode()).isEqualTo(429);
  }
}
