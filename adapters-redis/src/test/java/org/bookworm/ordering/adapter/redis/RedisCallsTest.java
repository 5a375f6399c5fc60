package org.bookworm.ordering.adapter.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: Lettuce's synchronous API is a {@code java.lang.reflect.Proxy} whose every call goes through {@code
 * Method.invoke} to the asynchronous API and then waits; a JFR profile of the checkout had that proxy at about 3 % of
 * the server's samples. The adapters call the asynchronous API and wait themselves ({@link RedisConnection#await}).
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RedisCallsTest {
    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bookworm.ordering.adapter.redis");

    @Test
    void the_adapters_never_call_lettuces_synchronous_proxy() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.lettuce.core.api.sync..")
                .check(ADAPTER);
    }
}
