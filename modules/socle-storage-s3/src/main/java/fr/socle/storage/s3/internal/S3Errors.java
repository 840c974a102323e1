package fr.socle.storage.s3.internal;

import fr.socle.core.SocleClientException;
import fr.socle.core.SocleServiceException;
import fr.socle.core.SocleTimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Maps the AWS SDK's exceptions onto Socle's: the store answered, or our side failed. */
public final class S3Errors {
  private S3Errors() {}

  /**
   * Runs a call and maps its failures.
   *
   * @param what the operation, for the message
   * @param action the call
   * @param <T> the result type
   * @return the call's result
   */
  public static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (S3Exception e) {
      throw service(what, e);
    } catch (SdkClientException e) {
      throw client("S3 " + what + " failed", e);
    } catch (SdkException e) {
      throw new SocleClientException("S3 " + what + " failed", e);
    }
  }

  /**
   * A client-side failure; a call past its deadline is a timeout (outcome unknown), not a generic
   * client error.
   *
   * @param what the message
   * @param e the SDK's exception
   * @return the Socle exception
   */
  public static SocleClientException client(String what, SdkClientException e) {
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return new SocleTimeoutException(what + ": deadline exceeded", e);
    }
    return new SocleClientException(what, e);
  }

  /**
   * The store answered an error: status, S3 error code and request id, never the key.
   *
   * @param what the operation
   * @param e the SDK's exception
   * @return the Socle exception
   */
  public static SocleServiceException service(String what, S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return new SocleServiceException("S3 " + what + " failed", e.statusCode(), code, e.requestId());
  }
}
