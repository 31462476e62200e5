// Runs after goal.txt's build (`mvn verify exec:java -Dexec.mainClass=...ActionCounts`) in the
// generated project. Checks what the generated README promises beyond its tests.
import java.util.concurrent.TimeUnit

// maven-archetype-plugin hands the generated project's directory over in the `context` map;
// `basedir` is this script's directory.
File projectDir = context.get('projectDir') ?: new File(basedir, 'project/basic')

def fail = { String message -> throw new AssertionError(message) }

// 1. The sample files got modification times in name order when the project was generated.
def events = new File(projectDir, 'data/events').listFiles().findAll { it.name.endsWith('.json') }
        .sort { it.name }
if (events.size() < 2) {
  fail("expected at least 2 sample files in data/events, found " + events*.name)
}
for (int i = 1; i < events.size(); i++) {
  if (events[i - 1].lastModified() >= events[i].lastModified()) {
    fail("sample files not in name order by modification time: " +
        events.collect { it.name + '@' + it.lastModified() })
  }
}

// 2. `-Dexec.mainClass=...ActionCounts` ran ActionCounts (not CountsPipeline): its console sink
// printed the first file's counts as batch 0 and the second file's as batch 1.
def log = new File(projectDir, 'build.log').getText('UTF-8')
def batch0 = log.indexOf('Batch: 0')
def batch1 = log.indexOf('Batch: 1')
if (batch0 < 0 || batch1 < batch0) {
  fail("exec:java -Dexec.mainClass=...ActionCounts printed no batches 0 and 1; see build.log")
}
def firstBatch = log.substring(batch0, batch1)
if (!(firstBatch =~ /\|\s*open\s*\|\s*2\s*\|/) || !(firstBatch =~ /\|\s*close\s*\|\s*1\s*\|/)) {
  fail("batch 0 of ActionCounts should count events-1.json (open 2, close 1), got:\n" + firstBatch)
}
if (log.contains('(ON_TIME)')) {
  fail("exec:java printed CountsPipeline's panes: the pom's mainClass overrode -Dexec.mainClass")
}

// 3. `mvn package` wrote a runnable jar, which runs CountsPipeline on MicroBatchRunner and, with
// --runner=DirectRunner, on Beam's DirectRunner.
def jar = new File(projectDir, 'target/basic-bundled.jar')
if (!jar.isFile()) {
  fail("mvn package did not write " + jar)
}
def java = new File(System.getProperty('java.home'), 'bin/java').path
def run = { List<String> extra ->
  def command = [java, '-jar', jar.path] + extra
  def process = new ProcessBuilder(command).directory(projectDir).redirectErrorStream(true).start()
  def output = new StringBuilder()
  def reader = Thread.start { output.append(process.inputStream.getText('UTF-8')) }
  if (!process.waitFor(10, TimeUnit.MINUTES)) { // a hang-guard only
    process.destroyForcibly()
    fail(command.join(' ') + " did not finish in 10 minutes; output so far:\n" + output)
  }
  reader.join()
  if (process.exitValue() != 0) {
    fail(command.join(' ') + " exited with " + process.exitValue() + ":\n" + output)
  }
  return output.toString()
}
def firstMinute = '[2024-01-01T00:00:00.000Z..2024-01-01T00:01:00.000Z)'
for (args in [[], ['--runner=DirectRunner']]) {
  def out = run(args)
  for (expected in [firstMinute + ' click=2 (ON_TIME)', firstMinute + ' view=1 (ON_TIME)']) {
    if (!out.contains(expected)) {
      fail("java -jar basic-bundled.jar " + args.join(' ') + " printed no '" + expected + "':\n" + out)
    }
  }
}
println 'verify.groovy: sample file order, exec:java ActionCounts and the runnable jar checked'
return true
