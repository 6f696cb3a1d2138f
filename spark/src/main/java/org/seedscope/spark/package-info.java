/**
 * Runs SeedScope studies on Apache Spark 4.2 ({@link org.seedscope.spark.SparkScheduler}); reached
 * from the command line as {@code ./seedscope run SPEC --spark MASTER}. The toolkit does not depend
 * on this package.
 */
package org.seedscope.spark;
