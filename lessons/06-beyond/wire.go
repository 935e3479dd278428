package beyond

import (
	"strconv"
	"strings"
)

// The streams and subjects every executor and worker agree on. A task is
// a message on tasks.<executor>; its worker answers on results.<executor>
// (a request: the executor's reply is what lets the worker acknowledge the
// task), says it started on notes.<executor>, and hears cancel.<executor>.
const (
	tasksStream    = "TASKS"
	deadStream     = "TASKS_DEAD"
	consumerName   = "workers"
	tasksSubjects  = "tasks.>"
	deadSubjects   = "dead.>"
	tasksPrefix    = "tasks."
	resultsPrefix  = "results."
	notesPrefix    = "notes."
	cancelPrefix   = "cancel."
	cancelSubjects = "cancel.*"
	deadPrefix     = "dead."
	readyPrefix    = "ready."
)

// Headers of a task and of the messages about it.
const (
	hdrMsgID   = "Nats-Msg-Id" // JetStream drops a second publish with the same ID
	hdrFunc    = "Task-Func"   // the registered function's name
	hdrTask    = "Task-Id"     // the task's number in its executor
	hdrWorker  = "Task-Worker" // who ran it (results, notes)
	hdrError   = "Task-Error"  // the task could not run at all (results)
	hdrNote    = "Task-Note"   // started, or gave-back (notes)
	hdrReason  = "Task-Reason" // why a worker gave a task back, or sent it to the dead letters
	hdrAttempt = "Task-Attempt"
)

const (
	noteStarted  = "started"
	noteGaveBack = "gave-back"
)

// taskID reads a task's number from a header value.
func taskID(s string) (uint64, bool) {
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// executorOf reads the executor's ID from the last token of a subject.
func executorOf(subject string) string {
	return subject[strings.LastIndexByte(subject, '.')+1:]
}
