package overview

import "context"

// Sequential is vanilla.py: the squares, then the cubes, one after the
// other. With the default delay it takes 8 × 0.2 s = 1.6 s.
func Sequential(ctx context.Context, nums []int, o Options) (Result, error) {
	squares, err := Square.Run(ctx, nums, o)
	if err != nil {
		return Result{Squares: squares}, err
	}
	cubes, err := Cube.Run(ctx, nums, o)
	return Result{Squares: squares, Cubes: cubes}, err
}
