package frontend

import "go/ast"

// inspectStack walks n as ast.Inspect does, and gives f the path from n
// down to each node: stack[len(stack)-1] is the node, the others its
// ancestors. f returns whether to walk the node's children.
func inspectStack(n ast.Node, f func(n ast.Node, stack []ast.Node) bool) {
	var stack []ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if !f(n, stack) {
			stack = stack[:len(stack)-1]
			return false
		}
		return true
	})
}
