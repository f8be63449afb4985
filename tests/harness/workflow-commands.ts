/** The workflow-command parser lives with the local runner, which prints logs readably with it. */
export { parseCommandLine, parseWorkflowCommands, unescapeData, unescapeProperty, type Annotation, type AnnotationLevel, type ParsedLog, type WorkflowCommand } from '../../shared/src/local/workflow-commands';
