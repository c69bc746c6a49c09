package io.rlhf4j.core.stats;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;
import org.hipparchus.exception.MathIllegalArgumentException;

/**
 * Maximum a-posteriori Bradley-Terry log-strengths from a win matrix, by damped Newton-Raphson.
 *
 * <p>Why Newton and not a Hipparchus {@code MultivariateOptimizer}: the penalised log-likelihood is smooth and
 * strictly concave with an exact, cheap n×n Hessian (the weighted Laplacian of the comparison graph plus the prior).
 * Newton with a Hipparchus Cholesky solve converges quadratically in a handful of steps, whereas Hipparchus 3.1 has no
 * L-BFGS and its non-linear conjugate gradient needs many line searches; the classic MM/Zermelo iteration converges
 * only linearly and crawls when one model is nearly unbeaten. Speed matters because the bootstrap refits hundreds of
 * times. Step halving on the objective keeps every step an ascent step.
 *
 * <p>The likelihood is invariant to adding a constant to every theta. A Gaussian prior (L2 penalty lambda/2·|theta|²)
 * both removes that freedom and keeps unbeaten or disconnected models finite. Starting from 0, the gradient always
 * sums to zero, so every iterate keeps mean 0; adding the rank-one term 11ᵀ/n to the Hessian therefore changes no
 * step but keeps the matrix positive definite even when lambda is 0 and the graph is connected.
 */
final class BradleyTerryNewtonSolver {
    private static final int MAX_ITERATIONS = 200;
    private static final double STEP_TOLERANCE = 1e-10;

    private BradleyTerryNewtonSolver() {
    }

    /**
     * @param wins   wins[i][j] = (possibly fractional) wins of i over j; ties contribute 0.5 each way
     * @param lambda L2 penalty on the natural-log strengths, >= 0
     * @return natural-log strengths with mean 0
     */
    static double[] solve(double[][] wins, double lambda) {
        int n = wins.length;
        double[] theta = new double[n];
        if (n == 1) {
            return theta;
        }
        if (lambda == 0 && !winsStronglyConnected(wins)) {
            // Zermelo/Ford: without a prior the MLE is finite only if every model can be reached from every other
            // along "beat (or tied)" edges. Otherwise Newton would run theta off towards infinity.
            throw new IllegalArgumentException("Bradley-Terry maximum likelihood does not exist: the win graph is not "
                    + "strongly connected (a model is unbeaten, never wins, or a group never meets the rest); "
                    + "use a positive L2 penalty");
        }
        double objective = penalisedLogLikelihood(wins, theta, lambda);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[n];
            double[][] hessian = new double[n][n];
            for (int i = 0; i < n; i++) {
                gradient[i] -= lambda * theta[i];
                hessian[i][i] += lambda;
                for (int j = i + 1; j < n; j++) {
                    double games = wins[i][j] + wins[j][i];
                    if (games == 0) {
                        continue;
                    }
                    double p = sigmoid(theta[i] - theta[j]);
                    double residual = wins[i][j] - games * p;
                    gradient[i] += residual;
                    gradient[j] -= residual;
                    double curvature = games * p * (1 - p);
                    hessian[i][i] += curvature;
                    hessian[j][j] += curvature;
                    hessian[i][j] -= curvature;
                    hessian[j][i] -= curvature;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    hessian[i][j] += 1.0 / n;
                }
            }
            RealVector step;
            try {
                step = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-14, 1e-12)
                        .getSolver().solve(new ArrayRealVector(gradient, false));
            } catch (MathIllegalArgumentException e) {
                throw new IllegalArgumentException("Bradley-Terry Newton step failed: the Hessian is not positive "
                        + "definite (strengths not identified); use a larger L2 penalty", e);
            }
            double stepSize = 1.0;
            double[] candidate = new double[n];
            double candidateObjective;
            do {
                for (int i = 0; i < n; i++) {
                    candidate[i] = theta[i] + stepSize * step.getEntry(i);
                }
                candidateObjective = penalisedLogLikelihood(wins, candidate, lambda);
                stepSize /= 2;
            } while (candidateObjective < objective - 1e-12 * Math.abs(objective) && stepSize > 1e-8);
            double largestMove = 0;
            for (int i = 0; i < n; i++) {
                largestMove = Math.max(largestMove, Math.abs(candidate[i] - theta[i]));
            }
            System.arraycopy(candidate, 0, theta, 0, n);
            objective = candidateObjective;
            if (largestMove < STEP_TOLERANCE) {
                break;
            }
        }
        return theta;
    }

    /** Whether every model reaches every other along edges i -> j meaning "i scored against j". */
    static boolean winsStronglyConnected(double[][] wins) {
        return reachesAll(wins, false) && reachesAll(wins, true);
    }

    private static boolean reachesAll(double[][] wins, boolean reversed) {
        int n = wins.length;
        boolean[] seen = new boolean[n];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        seen[0] = true;
        queue.add(0);
        int reached = 1;
        while (!queue.isEmpty()) {
            int i = queue.poll();
            for (int j = 0; j < n; j++) {
                double edge = reversed ? wins[j][i] : wins[i][j];
                if (!seen[j] && i != j && edge > 0) {
                    seen[j] = true;
                    reached++;
                    queue.add(j);
                }
            }
        }
        return reached == n;
    }

    static double penalisedLogLikelihood(double[][] wins, double[] theta, double lambda) {
        double total = 0;
        for (int i = 0; i < theta.length; i++) {
            total -= 0.5 * lambda * theta[i] * theta[i];
            for (int j = 0; j < theta.length; j++) {
                if (i != j && wins[i][j] > 0) {
                    total += wins[i][j] * logSigmoid(theta[i] - theta[j]);
                }
            }
        }
        return total;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    private static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }
}
