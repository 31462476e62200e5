// Runs once the project is generated. The file source reads files oldest modification time
// first (ties by name), as Spark's does, so the sample events get modification times in the
// order of their names (a second apart, ending now): data/events/events-1.json is batch 0,
// events-2.json batch 1, and so on.
def events = new File(new File(request.outputDirectory, request.artifactId), 'data/events')
def files = (events.listFiles() ?: []).findAll { it.isFile() }.sort { it.name }
long now = System.currentTimeMillis()
files.eachWithIndex { file, i ->
  long time = now - (files.size() - 1 - i) * 1000L
  if (!file.setLastModified(time)) {
    throw new IllegalStateException("Could not set the modification time of " + file)
  }
}
