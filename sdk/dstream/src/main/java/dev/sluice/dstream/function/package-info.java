/**
 * Serializable function types of the DStream facade, named and shaped as Spark's {@code
 * org.apache.spark.api.java.function} interfaces so Spark jobs port with their lambdas unchanged.
 *
 * <pre>{@code
 * Function2<Integer, Integer, Integer> sum = (a, b) -> a + b;
 * pairs.reduceByKey(sum);
 * }</pre>
 */
package dev.sluice.dstream.function;
