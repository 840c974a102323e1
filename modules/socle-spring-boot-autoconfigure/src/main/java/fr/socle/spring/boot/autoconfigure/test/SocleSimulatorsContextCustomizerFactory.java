package fr.socle.spring.boot.autoconfigure.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Spring TestContext hook (registered in {@code META-INF/spring.factories}) behind {@link
 * AutoConfigureSocleSimulators}. Not for direct use.
 */
public final class SocleSimulatorsContextCustomizerFactory implements ContextCustomizerFactory {

  /** Creates the factory; Spring's TestContext framework does. */
  public SocleSimulatorsContextCustomizerFactory() {}

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    boolean wanted =
        TestContextAnnotationUtils.findMergedAnnotation(
                testClass, AutoConfigureSocleSimulators.class)
            != null;
    return wanted ? new SocleSimulatorsContextCustomizer() : null;
  }
}
